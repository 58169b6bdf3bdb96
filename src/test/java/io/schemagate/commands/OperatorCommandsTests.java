package io.schemagate.commands;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.support.Json;
import io.schemagate.support.LauncherRun;
import io.schemagate.support.MigrationFiles;
import io.schemagate.support.TestDatabase;

/** status, history, validate, plan, repair, baseline and wait-for-db against a real PostgreSQL. */
class OperatorCommandsTests {

	@TempDir
	Path migrations;

	private final TestDatabase database = TestDatabase.create();

	/** The last command run, with what it printed. */
	private LauncherRun last;

	private int run(Map<String, String> environment, String... args) {
		this.last = LauncherRun.of(environment, args);
		return this.last.code();
	}

	private int run(String... args) {
		return run(this.database.environment(), args);
	}

	private JsonNode runJson(int expectedExitCode, Map<String, String> environment, String... args) {
		assertThat(run(environment, args)).as(this.last.err()).isEqualTo(expectedExitCode);
		return Json.read(this.last.out());
	}

	private Map<String, String> withExtraMigrations(MigrationFiles files) {
		Map<String, String> environment = this.database.environment();
		environment.put("SPRING_FLYWAY_LOCATIONS", files.locations());
		return environment;
	}

	@Test
	void statusListsPendingMigrationsAndCheckExits1UntilTheyAreApplied() {
		assertThat(run("status")).isZero();
		assertThat(this.last.out()).startsWith("schema version: empty (newest in this build: 3)\npending: 3")
			.contains("V1 create_expenses  V1__create_expenses.sql")
			.endsWith("not up to date\n");
		assertThat(run("status", "--check")).isEqualTo(1);
		JsonNode status = runJson(0, this.database.environment(), "status", "--json");
		assertThat(status.get("current_version").isNull()).isTrue();
		assertThat(status.get("newest_version").asString()).isEqualTo("3");
		assertThat(status.get("up_to_date").asBoolean()).isFalse();
		assertThat(status.get("pending")).hasSize(3);
		JsonNode first = status.get("pending").get(0);
		assertThat(first.get("version").asString()).isEqualTo("1");
		assertThat(first.get("description").asString()).isEqualTo("create expenses");
		assertThat(first.get("script").asString()).isEqualTo("V1__create_expenses.sql");
		assertThat(first.get("state").asString()).isEqualTo("PENDING");

		assertThat(run("migrate")).isZero();
		assertThat(run("status", "--check")).isZero();
		JsonNode current = runJson(0, this.database.environment(), "status", "--json", "--check");
		assertThat(current.get("current_version").asString()).isEqualTo("3");
		assertThat(current.get("up_to_date").asBoolean()).isTrue();
		assertThat(current.get("pending")).isEmpty();
	}

	@Test
	void historyListsEveryAppliedMigrationWithItsDetails() {
		assertThat(run("history")).isZero();
		assertThat(this.last.out()).isEqualTo("no migration has been applied to this database\n");
		assertThat(run("migrate")).isZero();
		assertThat(run("history")).isZero();
		assertThat(this.last.out()).contains("VERSION", "create expenses", "index expenses by date", "postgres", "ok");
		JsonNode history = runJson(0, this.database.environment(), "history", "--json");
		assertThat(history.get("applied")).hasSize(3);
		JsonNode first = history.get("applied").get(0);
		assertThat(first.get("version").asString()).isEqualTo("1");
		assertThat(first.get("description").asString()).isEqualTo("create expenses");
		assertThat(first.get("type").asString()).isEqualTo("SQL");
		assertThat(first.get("script").asString()).isEqualTo("V1__create_expenses.sql");
		assertThat(Instant.parse(first.get("installed_on").asString())).isBefore(Instant.now().plusSeconds(1));
		assertThat(first.get("installed_by").asString()).isEqualTo("postgres");
		assertThat(first.get("execution_time_ms").asInt()).isGreaterThanOrEqualTo(0);
		assertThat(first.get("success").asBoolean()).isTrue();
		assertThat(first.get("known_to_build").asBoolean()).isTrue();
	}

	@Test
	void aMigrationThisBuildLacksIsReportedButIsNoMismatch() {
		MigrationFiles newer = new MigrationFiles(this.migrations).add("4", "from_a_newer_build",
				"CREATE TABLE newer (id int);");
		assertThat(run(withExtraMigrations(newer), "migrate")).isZero();

		assertThat(run("status", "--check")).isZero();
		assertThat(this.last.out()).contains("schema version: 4 (newest in this build: 3)", "applied by a newer build: 1",
				"V4 from_a_newer_build");
		JsonNode status = runJson(0, this.database.environment(), "status", "--json");
		assertThat(status.get("ahead").get(0).get("version").asString()).isEqualTo("4");
		assertThat(status.get("up_to_date").asBoolean()).isTrue();

		JsonNode history = runJson(0, this.database.environment(), "history", "--json");
		JsonNode newest = history.get("applied").get(3);
		assertThat(newest.get("version").asString()).isEqualTo("4");
		assertThat(newest.get("known_to_build").asBoolean()).isFalse();
		assertThat(run("history")).isZero();
		assertThat(this.last.out()).contains("ok, not in this build", "a newer build ran here");

		assertThat(run("validate")).isZero();
		assertThat(this.last.out()).contains("valid", "1 migration(s) applied by a newer build");
	}

	@Test
	void validateIgnoresPendingMigrations() {
		assertThat(run("validate")).isZero();
		assertThat(this.last.out()).isEqualTo("valid: the applied migrations match this build's files\n");
		assertThat(this.database.hasTable("flyway_schema_history")).isFalse();
	}

	@Test
	void validateNamesAnEditedFileWithTheFixAndRepairRealignsIt() throws IOException {
		MigrationFiles files = new MigrationFiles(this.migrations).add("4", "notes",
				"ALTER TABLE expenses ADD COLUMN notes text;");
		Map<String, String> environment = withExtraMigrations(files);
		assertThat(run(environment, "migrate")).isZero();
		files.add("4", "notes", "ALTER TABLE expenses ADD COLUMN notes text; -- edited afterwards");

		assertThat(run(environment, "validate")).isEqualTo(65);
		assertThat(this.last.out()).startsWith("invalid: 1 mismatch(es)")
			.contains("V4 notes: its file changed after it was applied")
			.contains("fix: if the edit was intended, run 'repair'");
		JsonNode report = runJson(65, environment, "validate", "--json");
		assertThat(report.get("valid").asBoolean()).isFalse();
		JsonNode mismatch = report.get("mismatches").get(0);
		assertThat(mismatch.get("version").asString()).isEqualTo("4");
		assertThat(mismatch.get("problem").asString()).isEqualTo("its file changed after it was applied");
		assertThat(mismatch.get("fix").asString()).contains("repair");

		JsonNode repair = runJson(0, environment, "repair", "--json");
		assertThat(repair.get("aligned").get(0).get("version").asString()).isEqualTo("4");
		assertThat(run(environment, "validate")).isZero();
		assertThat(run(environment, "repair")).isZero();
		assertThat(this.last.out()).isEqualTo("repair: nothing to repair\n");
	}

	@Test
	void validateNamesAMissingFileAndRepairMarksItDeleted() {
		MigrationFiles files = new MigrationFiles(this.migrations).add("2.5", "removed_later",
				"CREATE TABLE temporary_thing (id int);");
		assertThat(run(withExtraMigrations(files), "migrate")).isZero();
		assertThat(run("validate")).isEqualTo(65);
		assertThat(this.last.out()).contains("V2.5 removed_later: it was applied, but its file is not in this build")
			.contains("fix: restore the file");
		assertThat(run("repair")).isZero();
		assertThat(this.last.out()).contains("marked as deleted (files gone): [V2.5 removed_later]");
		assertThat(run("validate")).isZero();
	}

	@Test
	void repairRemovesTheFailedRowOfAnInterruptedNonTransactionalMigration() {
		MigrationFiles files = new MigrationFiles(this.migrations).add("4", "index_missing_table",
				"CREATE INDEX CONCURRENTLY nowhere_idx ON nowhere (id);");
		Map<String, String> environment = withExtraMigrations(files);
		assertThat(run(environment, "migrate")).isEqualTo(65);
		assertThat(this.last.err()).contains("migration V4 index_missing_table failed",
				"ran outside a transaction and may be partly applied; run 'repair'");

		JsonNode status = runJson(0, environment, "status", "--json");
		assertThat(status.get("failed").get(0).get("version").asString()).isEqualTo("4");
		assertThat(run(environment, "status", "--check")).isEqualTo(1);
		assertThat(run(environment, "validate")).isEqualTo(65);
		assertThat(this.last.out()).contains("V4 index_missing_table: it is recorded as failed");

		JsonNode repair = runJson(0, environment, "repair", "--json");
		assertThat(repair.get("removed").get(0).get("version").asString()).isEqualTo("4");
		assertThat(run(environment, "status", "--json")).isZero();
		assertThat(Json.read(this.last.out()).get("failed")).isEmpty();
		assertThat(Json.read(this.last.out()).get("pending").get(0).get("version").asString()).isEqualTo("4");
	}

	@Test
	void planShowsPendingSqlInOrderAndChangesNothing() {
		String before = this.database.snapshot();
		assertThat(run("plan")).isZero();
		assertThat(this.last.out()).startsWith("migrate would apply 3 migration(s) to schema version empty, in this order:")
			.contains("-- V1 create_expenses (V1__create_expenses.sql), in its own transaction\n")
			.contains("CREATE TABLE expenses (")
			.contains("-- V3 index_expenses_by_date (V3__index_expenses_by_date.sql), OUTSIDE a transaction")
			.contains("CREATE INDEX CONCURRENTLY");
		assertThat(this.last.out().indexOf("V1 create_expenses")).isLessThan(this.last.out().indexOf("V2 add_expense_category"));
		JsonNode plan = runJson(0, this.database.environment(), "plan", "--json");
		assertThat(plan.get("steps")).hasSize(3);
		assertThat(plan.get("steps").get(0).get("in_transaction").asBoolean()).isTrue();
		assertThat(plan.get("steps").get(2).get("in_transaction").asBoolean()).isFalse();
		assertThat(plan.get("steps").get(2).get("sql").asString()).contains("CREATE INDEX CONCURRENTLY");
		assertThat(this.database.hasTable("flyway_schema_history")).isFalse();
		assertThat(this.database.snapshot()).isEqualTo(before);

		assertThat(run("migrate")).isZero();
		String migrated = this.database.snapshot();
		assertThat(run("plan")).isZero();
		assertThat(this.last.out()).isEqualTo("nothing to apply: schema is at version 3\n");
		assertThat(this.database.snapshot()).isEqualTo(migrated);
	}

	@Test
	void baselineAdoptsADatabaseCreatedWithoutMigrations() throws IOException {
		this.database.execute(Files.readString(Path.of("src/main/resources/db/migration/V1__create_expenses.sql")));
		this.database.execute(Files.readString(Path.of("src/main/resources/db/migration/V2__add_expense_category.sql")));
		this.database.execute("INSERT INTO expenses (description, amount, currency, spent_on) VALUES ('kept', 1, 'EUR', '2026-01-01')");

		JsonNode baseline = runJson(0, this.database.environment(), "baseline", "--version", "2", "--json");
		assertThat(baseline.get("version").asString()).isEqualTo("2");
		assertThat(this.database.queryColumn("SELECT type FROM flyway_schema_history WHERE version = '2'"))
			.containsExactly("BASELINE");
		assertThat(run("migrate")).isZero();
		assertThat(this.last.out()).startsWith("applied 1 migration (schema 2 -> 3)");
		assertThat(this.database.queryColumn("SELECT description FROM expenses")).containsExactly("kept");

		assertThat(run("baseline", "--version", "3")).isEqualTo(78);
		assertThat(this.last.err()).startsWith("error: baseline: the database already has migration history");
	}

	@Test
	void baselineChecksItsVersionBeforeConnecting() {
		assertThat(run("baseline")).isEqualTo(64);
		assertThat(this.last.err()).startsWith("error: baseline: --version is required");
		assertThat(run("baseline", "--version", "three")).isEqualTo(78);
		assertThat(this.last.err()).startsWith("error: baseline --version: 'three' is not a version");
		assertThat(this.database.hasTable("flyway_schema_history")).isFalse();
	}

	@Test
	void waitForDbExits0WhenReady69WhenUnreachableAnd77WhenRefused() throws IOException {
		JsonNode ready = runJson(0, this.database.environment(), "wait-for-db", "--json");
		assertThat(ready.get("database").asString())
			.isEqualTo(this.database.name() + " at " + this.database.host() + ":" + this.database.port() + " as postgres")
			.doesNotContain("Pw-Marker");
		assertThat(ready.get("waited_ms").asLong()).isGreaterThanOrEqualTo(0);

		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		assertThat(run(Map.of("DATABASE_URL", "postgresql://app:x@127.0.0.1:" + closedPort + "/db", "DB_WAIT_TIMEOUT",
				"1s"), "wait-for-db")).isEqualTo(69);
		Map<String, String> wrong = this.database.environment();
		wrong.put("DATABASE_PASSWORD", "wrong");
		assertThat(run(wrong, "wait-for-db")).isEqualTo(77);
	}

	@Test
	void everyOperatorCommandExits69WhenUnreachableAnd77WhenRefused() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		Map<String, String> wrong = this.database.environment();
		wrong.put("DATABASE_PASSWORD", "wrong");
		for (String[] command : new String[][] { { "status" }, { "history" }, { "validate" }, { "plan" }, { "repair" },
				{ "baseline", "--version", "1" } }) {
			String name = String.join(" ", command);
			assertThat(run(Map.of("DATABASE_URL", "postgresql://app:x@127.0.0.1:" + closedPort + "/db",
					"DB_WAIT_TIMEOUT", "0"), command)).as(name + " unreachable").isEqualTo(69);
			assertThat(this.last.err()).as(name).startsWith("error: database db at 127.0.0.1:" + closedPort + " as app still unreachable");
			assertThat(run(wrong, command)).as(name + " refused").isEqualTo(77);
			assertThat(this.last.err()).as(name).contains("refused the credentials");
		}
		assertThat(this.database.hasTable("flyway_schema_history")).isFalse();
	}

	@Test
	void cleanIsNeverACommand() {
		assertThat(run("clean")).isEqualTo(64);
		assertThat(this.last.err()).startsWith("error: unknown command 'clean'");
	}

	@Test
	void everyOneShotCommandRejectsUnknownOptions() {
		for (String command : new String[] { "migrate", "status", "history", "validate", "plan", "repair", "baseline",
				"wait-for-db" }) {
			assertThat(run(command, "--frobnicate")).as(command).isEqualTo(64);
			assertThat(this.last.err()).startsWith("error: " + command + ": unknown option '--frobnicate'");
		}
		assertThat(this.database.hasTable("flyway_schema_history")).isFalse();
	}

}
