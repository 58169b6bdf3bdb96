package io.schemagate.launcher;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.support.FaultReport;
import io.schemagate.support.Json;
import io.schemagate.support.LauncherRun;
import io.schemagate.support.MigrationFiles;
import io.schemagate.support.TestDatabase;
import io.schemagate.support.TestPostgres;

/** The launcher run in this JVM, as {@code main} runs it, against a real PostgreSQL. */
@ExtendWith(FaultReport.class)
class LauncherTests {

	@TempDir
	Path migrations;

	/** The last command run, with what it printed. */
	private LauncherRun last;

	private int run(Map<String, String> environment, String... args) {
		this.last = LauncherRun.of(environment, args);
		return this.last.code();
	}

	private String out() {
		return this.last.out();
	}

	private String err() {
		return this.last.err();
	}

	@Test
	void unknownCommandExits64WithUsageOnStderr() {
		assertThat(run(Map.of(), "frobnicate")).isEqualTo(64);
		assertThat(err()).startsWith("error: unknown command 'frobnicate'").contains("Usage: entrypoint");
		assertThat(out()).isEmpty();
	}

	@Test
	void unknownOptionExits64() {
		assertThat(run(Map.of(), "migrate", "--force")).isEqualTo(64);
		assertThat(err()).startsWith("error: migrate: unknown option '--force'; it takes --json, --post\n");
	}

	@Test
	void helpListsEveryCommandVariableAndExitCode() {
		assertThat(run(Map.of(), "--help")).isZero();
		assertThat(out()).contains("serve", "migrate", "help", "version", "healthcheck", "cds-archive")
			.contains("RUN_MIGRATIONS", "DATABASE_URL", "DATABASE_URL_FILE", "DATABASE_USER", "DATABASE_PASSWORD",
					"DATABASE_PASSWORD_FILE", "DB_WAIT_TIMEOUT", "SERVER_PORT", "MANAGEMENT_SERVER_PORT",
					"SPRING_FLYWAY_LOCATIONS", "SCHEMA_CHECK", "SCHEMA_CHECK_INTERVAL", "LOG_FORMAT", "MIGRATION_LOCK_WAIT",
					"JAVA_OPTS", "APP_JAR")
			.contains("64 usage", "65 migration failed", "69 database unreachable", "77 authentication refused",
					"78 configuration invalid");
		assertThat(run(Map.of(), "help")).isZero();
	}

	@Test
	void versionPrintsTheVersion() {
		assertThat(run(Map.of(), "--version")).isZero();
		assertThat(out()).startsWith("schemagate ");
	}

	@Test
	void invalidRunMigrationsExits78BeforeConnectingAnywhere() throws IOException {
		Map<String, String> environment = Map.of("RUN_MIGRATIONS", "yes", "DATABASE_URL",
				"postgresql://app:secret@127.0.0.1:" + freePort() + "/x", "DB_WAIT_TIMEOUT", "1m");
		long start = System.nanoTime();
		assertThat(run(environment, "serve")).isEqualTo(78);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		assertThat(err()).isEqualTo("error: RUN_MIGRATIONS: 'yes' is not allowed; use true or false\n");
	}

	@Test
	void malformedDatabaseUrlExits78WithoutThePassword() {
		assertThat(run(Map.of("DATABASE_URL", "postgresql://app:hunter2@db:99999/x"), "migrate")).isEqualTo(78);
		assertThat(err()).contains("DATABASE_URL has an invalid port").doesNotContain("hunter2");
	}

	@Test
	void migrateAppliesPendingMigrationsThenNothingTheSecondTime() {
		TestDatabase database = TestDatabase.create();
		assertThat(run(database.environment(), "migrate")).isZero();
		assertThat(out()).matches("applied 3 migrations \\(schema empty -> 3\\) in [0-9.]+s\\n");
		assertThat(database.appliedVersions()).containsExactly("1", "2", "3");
		assertThat(run(database.environment(), "migrate")).isZero();
		assertThat(out()).matches("nothing to apply: schema is at version 3 \\(checked in [0-9.]+s\\)\\n");
		assertThat(database.historyRowsPerVersion()).containsOnly(Map.entry("1", 1), Map.entry("2", 1),
				Map.entry("3", 1));
	}

	@Test
	void failingMigrationExits65AndLeavesTheSchemaAtTheLastGoodVersion() {
		TestDatabase database = TestDatabase.create();
		MigrationFiles files = new MigrationFiles(this.migrations)
			.add("4", "add_notes", "ALTER TABLE expenses ADD COLUMN notes text;")
			.add("5", "broken", "ALTER TABLE expenses ADD COLUMN tag text;\nALTER TABLE no_such_table ADD COLUMN x int;")
			.add("6", "never_reached", "ALTER TABLE expenses ADD COLUMN later text;");
		Map<String, String> environment = database.environment();
		environment.put("SPRING_FLYWAY_LOCATIONS", files.locations());
		assertThat(run(environment, "migrate")).isEqualTo(65);
		assertThat(err()).startsWith("error: migration V5 broken failed: ERROR: relation \"no_such_table\" does not exist")
			.contains("rolled back, and the schema stays at the last version applied in full");
		assertThat(database.appliedVersions()).containsExactly("1", "2", "3", "4");
		assertThat(database.queryColumn(
				"SELECT column_name FROM information_schema.columns WHERE table_name = 'expenses' AND column_name IN ('notes', 'tag', 'later')"))
			.containsExactly("notes");
		assertThat(database.queryColumn("SELECT count(*) FROM flyway_schema_history WHERE NOT success"))
			.containsExactly("0");
	}

	@Test
	void unreachableDatabaseExits69WithinTheTimeout() throws IOException {
		Map<String, String> environment = Map.of("DATABASE_URL",
				"postgresql://app:secret@127.0.0.1:" + freePort() + "/x", "DB_WAIT_TIMEOUT", "2s");
		long start = System.nanoTime();
		assertThat(run(environment, "migrate")).isEqualTo(69);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		assertThat(err()).matches("(?s)error: database x at 127.0.0.1:[0-9]+ as app still unreachable after .*");
	}

	@Test
	void wrongPasswordExits77AtOnce() {
		TestDatabase database = TestDatabase.create();
		Map<String, String> environment = new HashMap<>(database.environment());
		environment.put("DATABASE_PASSWORD", "not-the-password");
		environment.put("DB_WAIT_TIMEOUT", "1m");
		long start = System.nanoTime();
		assertThat(run(environment, "migrate")).isEqualTo(77);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		assertThat(err()).contains("refused the credentials", "check DATABASE_URL's user and password")
			.doesNotContain("not-the-password");
		assertThat(database.appliedVersions()).isEmpty();
	}

	@Test
	@FaultReport.Scenario(value = "sslmode=require against a server without TLS",
			expected = "exit 78 at once naming DATABASE_URL and what to set")
	void tlsRequiredFromAServerWithoutItExits78AtOnce() {
		TestDatabase database = TestDatabase.create();
		Map<String, String> environment = Map.of("DATABASE_URL", database.url() + "?sslmode=require", "DB_WAIT_TIMEOUT",
				"1m");
		long start = System.nanoTime();
		assertThat(run(environment, "status")).isEqualTo(78);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		assertThat(err()).startsWith("error: DATABASE_URL: database " + database.name() + " at ")
			.contains("does not accept TLS connections, and sslmode=require requires them; enable ssl on the server,"
					+ " or use sslmode=prefer or sslmode=disable")
			.doesNotContain(TestPostgres.ADMIN_PASSWORD);
		FaultReport.observed("exit 78 within 10 s (DB_WAIT_TIMEOUT 1m) naming DATABASE_URL and sslmode");
	}

	@Test
	@FaultReport.Scenario(value = "a unix-socket host in DATABASE_URL",
			expected = "exit 78: TCP only, give host:port")
	void aUnixSocketHostIsRefusedWith78() {
		for (String url : List.of("postgresql://app:pw@localhost/app?host=/var/run/postgresql",
				"postgresql://app:pw@%2Fvar%2Frun%2Fpostgresql/app", "postgresql:///app?host=/tmp")) {
			assertThat(run(Map.of("DATABASE_URL", url), "status")).as(url).isEqualTo(78);
			assertThat(err()).as(url).startsWith("error: DATABASE_URL names a unix-socket folder as its host;"
					+ " schemagate connects over TCP only");
		}
		FaultReport.observed("three forms (host=, %2F, empty host): exit 78");
	}

	@Test
	@FaultReport.Scenario(value = "a 20,000-character host",
			expected = "the error names database, host (cut to 40) and user in one short line")
	void aHugeHostIsCutShortInTheError() {
		String host = "h".repeat(20_000);
		assertThat(run(Map.of("DATABASE_URL", "postgresql://app:pw@" + host + ":5432/app", "DB_WAIT_TIMEOUT", "0"),
				"status")).isEqualTo(69);
		assertThat(err()).startsWith("error: database app at " + "h".repeat(40) + "... as app still unreachable");
		assertThat(err().length()).isLessThan(400);
		FaultReport.observed("exit 69, error line under 400 characters");
	}

	@Test
	@FaultReport.Scenario(value = "a schema with tables but no history",
			expected = "exit 65 saying to run baseline --version V; nothing created")
	void aSchemaWithTablesButNoHistorySaysToBaseline() {
		TestDatabase database = TestDatabase.create();
		database.execute("CREATE TABLE legacy (id int)");
		assertThat(run(database.environment(), "migrate")).isEqualTo(65);
		assertThat(err()).startsWith("error: the schema \"public\" has tables but no migration history;")
			.contains("record that once with './entrypoint baseline --version V', then migrate (nothing was applied)");
		assertThat(database.hasTable("flyway_schema_history")).isFalse();
		assertThat(run(database.environment(), "status", "--check")).isEqualTo(1);
		assertThat(out()).contains("migrate would refuse to run", "has tables but no migration history",
				"'./entrypoint baseline --version V'").doesNotContain("run 'migrate' to apply").contains("not up to date");
		run(database.environment(), "plan");
		assertThat(out()).contains("has tables but no migration history", "'./entrypoint baseline --version V'")
			.doesNotContain("migrate would apply");
		assertThat(database.hasTable("flyway_schema_history")).isFalse();
		FaultReport.observed("exit 65 naming baseline --version V; status --check 1 and plan say so too; no history table");
	}

	@Test
	void aWrongOwnerPasswordNamesTheMigrationSettings() {
		TestDatabase database = TestDatabase.create();
		Map<String, String> environment = new HashMap<>(database.environment());
		environment.put("MIGRATION_DATABASE_URL", database.url());
		environment.put("MIGRATION_DATABASE_PASSWORD", "not-the-password");
		assertThat(run(environment, "migrate")).isEqualTo(77);
		assertThat(err()).contains("refused the credentials", "check MIGRATION_DATABASE_URL's user and password"
				+ " (or MIGRATION_DATABASE_USER, MIGRATION_DATABASE_PASSWORD)").doesNotContain("not-the-password");
	}

	@Test
	void withJsonLogsTheErrorIsOneEcsDocument() {
		assertThat(run(Map.of("LOG_FORMAT", "json"), "migrate")).isEqualTo(78);
		String[] lines = err().strip().split("\n");
		assertThat(lines).hasSize(1);
		JsonNode line = Json.read(lines[0]);
		assertThat(line.get("log").get("level").asString()).isEqualTo("ERROR");
		assertThat(line.get("message").asString()).startsWith("DATABASE_URL is not set");
		assertThat(line.get("process").get("exit_code").asInt()).isEqualTo(78);
		assertThat(line.has("@timestamp")).isTrue();
	}

	@Test
	void withLogstashLogsARefusedPasswordIsOneDocumentWithoutThePassword() {
		TestDatabase database = TestDatabase.create();
		Map<String, String> environment = new HashMap<>(database.environment());
		environment.put("DATABASE_PASSWORD", "not-the-password");
		environment.put("LOG_FORMAT", "logstash");
		assertThat(run(environment, "status")).isEqualTo(77);
		String[] lines = err().strip().split("\n");
		assertThat(lines).hasSize(1);
		JsonNode line = Json.read(lines[0]);
		assertThat(line.get("level").asString()).isEqualTo("ERROR");
		assertThat(line.get("exit_code").asInt()).isEqualTo(77);
		assertThat(line.get("message").asString()).contains("refused the credentials");
		assertThat(lines[0]).doesNotContain("not-the-password");
	}

	@Test
	void springFlywaySettingsFromTheEnvironmentApply() {
		TestDatabase database = TestDatabase.create();
		MigrationFiles files = new MigrationFiles(this.migrations).add("10", "extra_table",
				"CREATE TABLE extra (id int);");
		Map<String, String> environment = database.environment();
		environment.put("SPRING_FLYWAY_LOCATIONS", files.locations());
		environment.put("SPRING_FLYWAY_TABLE", "schema_history");
		assertThat(run(environment, "migrate")).isZero();
		assertThat(database.hasTable("extra")).isTrue();
		assertThat(database.queryColumn("SELECT version FROM schema_history ORDER BY installed_rank"))
			.isEqualTo(List.of("1", "2", "3", "10"));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
