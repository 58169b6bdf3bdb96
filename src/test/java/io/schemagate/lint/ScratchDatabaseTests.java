package io.schemagate.lint;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.support.FaultReport;
import io.schemagate.support.LauncherRun;
import io.schemagate.support.MigrationFiles;
import io.schemagate.support.TestDatabase;
import io.schemagate.support.TestPostgres;

/** lint's scratch database: never the target, never one with objects of its own, always dropped. */
@ExtendWith(FaultReport.class)
class ScratchDatabaseTests {

	@TempDir
	Path folder;

	private final TestDatabase database = TestDatabase.create();

	/** The target at V3 (migrated) with V4, an index on its table, pending. */
	private Map<String, String> pending() {
		if (!this.database.hasTable("flyway_schema_history")) {
			assertThat(LauncherRun.of(this.database.environment(), "migrate").code()).isZero();
			this.database.execute("INSERT INTO expenses (description, amount, currency, spent_on)"
					+ " VALUES ('a row', 1, 'EUR', '2026-01-01')");
		}
		MigrationFiles files = new MigrationFiles(this.folder).add("4", "index",
				"CREATE INDEX expenses_amount ON expenses (amount);");
		return files.environment(this.database);
	}

	private static long shadows() {
		return TestDatabase.create().queryColumn("SELECT datname FROM pg_database WHERE datname LIKE 'schemagate\\_shadow\\_%'")
			.size();
	}

	@Test
	@FaultReport.Scenario(value = "lint with SHADOW_DATABASE_URL the same as DATABASE_URL",
			expected = "exit 78 at once naming both settings; the target untouched")
	void aShadowThatIsTheTargetIsRefusedWith78() {
		Map<String, String> environment = pending();
		environment.put("SHADOW_DATABASE_URL", this.database.jdbcUrl().replace("jdbc:postgresql://", "postgresql://postgres:"
				+ TestPostgres.ADMIN_PASSWORD + "@"));
		String before = this.database.snapshot();
		LauncherRun run = LauncherRun.of(environment, "lint");
		assertThat(run.code()).isEqualTo(78);
		assertThat(run.err()).startsWith("error: SHADOW_DATABASE_URL names the same database as DATABASE_URL");
		assertThat(this.database.snapshot()).isEqualTo(before);
		FaultReport.observed("exit 78 naming SHADOW_DATABASE_URL and DATABASE_URL");
	}

	@Test
	@FaultReport.Scenario(value = "lint with a SHADOW_DATABASE_URL that holds objects of its own",
			expected = "exit 78 naming some of them; nothing in it dropped")
	void aShadowWithObjectsOfItsOwnIsRefusedAndLeftAlone() {
		TestDatabase other = TestDatabase.create();
		other.execute("CREATE TABLE precious (id int)");
		Map<String, String> environment = pending();
		environment.put("SHADOW_DATABASE_URL", other.url());
		LauncherRun run = LauncherRun.of(environment, "lint");
		assertThat(run.code()).isEqualTo(78);
		assertThat(run.err()).contains("holds objects lint did not put there (public.precious)");
		assertThat(other.hasTable("precious")).isTrue();
		FaultReport.observed("exit 78 naming public.precious, which is still there");
	}

	@Test
	void aShadowHoldingOnlyTypesIsRefusedToo() {
		TestDatabase other = TestDatabase.create();
		other.execute("CREATE TYPE mood AS ENUM ('ok', 'sad'); CREATE DOMAIN positive AS int CHECK (VALUE > 0)");
		Map<String, String> environment = pending();
		environment.put("SHADOW_DATABASE_URL", other.url());
		LauncherRun run = LauncherRun.of(environment, "lint");
		assertThat(run.code()).as(run.err()).isEqualTo(78);
		assertThat(run.err()).contains("holds objects lint did not put there (", "type public.mood", "type public.positive");
		assertThat(other.queryColumn("SELECT typname FROM pg_type WHERE typname IN ('mood', 'positive') ORDER BY 1"))
			.containsExactly("mood", "positive");
	}

	@Test
	@FaultReport.Scenario(value = "lint with SHADOW_DATABASE_URL on a server of another major version than the target's",
			expected = "a server-version-differs warning in text, --json and --format github; --fail-on warning exits 1")
	void aShadowOnAnotherMajorIsAWarningThatFailsOnWarning() {
		TestPostgres.Server other = TestPostgres.otherMajor();
		TestDatabase.on(other.port(), "postgres").execute("CREATE DATABASE shadow");
		TestDatabase shadow = TestDatabase.on(other.port(), "shadow");
		int shadowMajor = Integer.parseInt(shadow.queryColumn("SHOW server_version_num").get(0)) / 10000;
		assertThat(String.valueOf(shadowMajor)).isNotEqualTo(TestPostgres.MAJOR);
		if (!this.database.hasTable("flyway_schema_history")) {
			assertThat(LauncherRun.of(this.database.environment(), "migrate").code()).isZero();
		}
		// A nullable column: info findings only, so the warning alone decides the exit code.
		Map<String, String> environment = new MigrationFiles(this.folder).add("4", "note",
				"ALTER TABLE expenses ADD COLUMN note text;")
			.environment(this.database);
		environment.put("SHADOW_DATABASE_URL", shadow.url());
		String message = "the scratch database runs PostgreSQL " + shadowMajor + " and the target " + TestPostgres.MAJOR;

		LauncherRun text = LauncherRun.of(environment, "lint");
		assertThat(text.code()).as(text.err()).isZero();
		assertThat(text.out()).contains("warning server-version-differs: " + message)
			.contains("fix: give lint a scratch database on a server of the target's major version")
			.contains("1 warning(s)");
		LauncherRun failing = LauncherRun.of(environment, "lint", "--fail-on", "warning");
		assertThat(failing.code()).as(failing.err()).isEqualTo(1);
		LauncherRun github = LauncherRun.of(environment, "lint", "--format", "github", "--fail-on", "warning");
		assertThat(github.code()).isEqualTo(1);
		assertThat(github.out()).contains("::warning title=lint server-version-differs::" + message);
		LauncherRun json = LauncherRun.of(environment, "lint", "--json");
		assertThat(json.code()).isZero();
		tools.jackson.databind.JsonNode finding = io.schemagate.support.Json.read(json.out()).get("findings").get(0);
		assertThat(finding.get("code").asText()).isEqualTo("server-version-differs");
		assertThat(finding.get("severity").asText()).isEqualTo("warning");
		assertThat(text.out() + text.err() + github.out() + json.out()).doesNotContain(TestPostgres.ADMIN_PASSWORD);
		FaultReport.observed("a server-version-differs warning in all three outputs; exit 0, and 1 with --fail-on warning");
	}

	@Test
	@FaultReport.Scenario(value = "lint with a wrong password in DATABASE_URL, and in SHADOW_DATABASE_URL",
			expected = "exit 77 for each, naming the setting; neither password printed")
	void aRefusedPasswordExits77AndIsNeverPrinted() {
		Map<String, String> environment = pending();
		Map<String, String> wrongTarget = new java.util.HashMap<>(environment);
		wrongTarget.put("DATABASE_URL", environment.get("DATABASE_URL").replace(TestPostgres.ADMIN_PASSWORD, "Wrong-Pw-91c"));
		LauncherRun target = LauncherRun.of(wrongTarget, "lint");
		assertThat(target.code()).as(target.err()).isEqualTo(77);
		TestDatabase shadow = TestDatabase.create();
		environment.put("SHADOW_DATABASE_URL", shadow.url().replace(TestPostgres.ADMIN_PASSWORD, "Wrong-Pw-91c"));
		LauncherRun run = LauncherRun.of(environment, "lint");
		assertThat(run.code()).as(run.err()).isEqualTo(77);
		assertThat(run.err()).contains("SHADOW_DATABASE_URL");
		assertThat(target.out() + target.err() + run.out() + run.err()).doesNotContain("Wrong-Pw-91c")
			.doesNotContain(TestPostgres.ADMIN_PASSWORD);
		FaultReport.observed("exit 77 for the target and for the shadow; neither password printed");
	}

	@Test
	void anEmptyShadowIsMarkedAndEmptiedByEveryLint() {
		TestDatabase shadow = TestDatabase.create();
		Map<String, String> environment = pending();
		environment.put("SHADOW_DATABASE_URL", shadow.url());
		assertThat(LauncherRun.of(environment, "lint").code()).isEqualTo(1);
		assertThat(shadow.hasTable("expenses")).isTrue();
		LauncherRun again = LauncherRun.of(environment, "lint");
		assertThat(again.code()).as(again.err()).isEqualTo(1);
		assertThat(again.out()).contains("index-without-concurrently");
	}

	@Test
	@FaultReport.Scenario(value = "lint without SHADOW_DATABASE_URL, as a role without CREATEDB",
			expected = "exit 78 naming SHADOW_DATABASE_URL and CREATEDB")
	void withoutCreatedbTheSettingIsNamed() {
		String role = "nocreatedb_" + this.database.name();
		this.database.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'pw' NOCREATEDB");
		Map<String, String> environment = pending();
		this.database.execute("GRANT ALL ON SCHEMA public TO " + role);
		this.database.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role);
		environment.put("DATABASE_URL", "postgresql://" + role + ":pw@" + this.database.host() + ":" + this.database.port()
				+ "/" + this.database.name());
		LauncherRun run = LauncherRun.of(environment, "lint");
		assertThat(run.code()).as(run.err()).isEqualTo(78);
		assertThat(run.err()).startsWith("error: SHADOW_DATABASE_URL is not set, and DATABASE_URL's role '" + role
				+ "' may not create a scratch database").contains("grant it CREATEDB");
		FaultReport.observed("exit 78 naming SHADOW_DATABASE_URL and CREATEDB");
	}

	@Test
	@FaultReport.Scenario(value = "lint with an unreachable SHADOW_DATABASE_URL", expected = "exit 69 after DB_WAIT_TIMEOUT")
	void anUnreachableShadowExits69() throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		Map<String, String> environment = pending();
		environment.put("SHADOW_DATABASE_URL", "postgresql://lint:pw@127.0.0.1:" + closed + "/shadow");
		environment.put("DB_WAIT_TIMEOUT", "1s");
		LauncherRun run = LauncherRun.of(environment, "lint");
		assertThat(run.code()).isEqualTo(69);
		assertThat(run.err()).startsWith("error: database shadow at 127.0.0.1:" + closed + " as lint still unreachable");
		FaultReport.observed("exit 69 naming the shadow");
	}

	@Test
	void aMadeShadowIsDroppedAndALeftoverOverAnHourOldToo() {
		long old = Instant.now().minusSeconds(7200).getEpochSecond();
		String leftover = "schemagate_shadow_" + old + "_leftover";
		TestDatabase.create().execute("CREATE DATABASE " + leftover);
		String recent = "schemagate_shadow_" + Instant.now().getEpochSecond() + "_running";
		TestDatabase.create().execute("CREATE DATABASE " + recent);
		long before = shadows();
		assertThat(LauncherRun.of(pending(), "lint").code()).isEqualTo(1);
		assertThat(shadows()).isEqualTo(before - 1);
		assertThat(TestDatabase.create().queryColumn("SELECT datname FROM pg_database WHERE datname = '" + leftover + "'"))
			.isEmpty();
		TestDatabase.create().execute("DROP DATABASE " + recent);
	}

	/** SHADOW_DATABASE_URL naming the target through another alias of its host: only the server can tell. */
	@Test
	@FaultReport.Scenario(value = "lint with SHADOW_DATABASE_URL the target's database through another host alias"
			+ " (localhost for 127.0.0.1)", expected = "exit 78 naming SHADOW_DATABASE_URL; the target untouched")
	void aShadowThatIsTheTargetThroughAnotherHostIsRefusedWith78() {
		Map<String, String> environment = pending();
		environment.put("SHADOW_DATABASE_URL", this.database.url().replace("@127.0.0.1:", "@localhost:"));
		assertThat(environment.get("SHADOW_DATABASE_URL")).contains("@localhost:");
		String before = this.database.snapshot();
		LauncherRun run = LauncherRun.of(environment, "lint");
		assertThat(run.code()).as(run.err()).isEqualTo(78);
		assertThat(run.err()).startsWith("error: SHADOW_DATABASE_URL names the same database as DATABASE_URL")
			.contains("as the server says");
		assertThat(run.err().strip().lines()).hasSize(1);
		assertThat(this.database.snapshot()).isEqualTo(before);
		assertThat(this.database.queryColumn("SELECT coalesce(shobj_description(oid, 'pg_database'), 'none')"
				+ " FROM pg_database WHERE datname = current_database()")).containsExactly("none");
		FaultReport.observed("exit 78 naming SHADOW_DATABASE_URL and DATABASE_URL; no mark, schema and rows unchanged");
	}

	/** Another database on the same server, through the other alias, is a shadow like any. */
	@Test
	void anotherDatabaseThroughAnotherHostAliasIsAShadow() {
		TestDatabase shadow = TestDatabase.create();
		Map<String, String> environment = pending();
		environment.put("SHADOW_DATABASE_URL", shadow.url().replace("@127.0.0.1:", "@localhost:"));
		LauncherRun run = LauncherRun.of(environment, "lint");
		assertThat(run.code()).as(run.err()).isEqualTo(1);
		assertThat(run.out()).contains("index-without-concurrently");
	}

	/** The key ShadowLock takes: "shadow" in the bytes of a bigint. */
	private static final long SHADOW_LOCK = 0x7368_6164_6f77L;

	@Test
	@FaultReport.Scenario(value = "lint on a SHADOW_DATABASE_URL another run is using, past MIGRATION_LOCK_WAIT",
			expected = "exit 75 naming SHADOW_DATABASE_URL; the shadow left as it is")
	void aShadowAnotherRunHoldsExits75AfterTheWait() throws Exception {
		TestDatabase shadow = TestDatabase.create();
		Map<String, String> environment = pending();
		environment.put("SHADOW_DATABASE_URL", shadow.url());
		environment.put("MIGRATION_LOCK_WAIT", "1s");
		try (Connection other = shadow.connect(); Statement statement = other.createStatement()) {
			statement.execute("SELECT pg_advisory_lock(" + SHADOW_LOCK + ")");
			long started = System.nanoTime();
			LauncherRun run = LauncherRun.of(environment, "lint");
			assertThat(run.code()).as(run.err()).isEqualTo(75);
			assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(1_000_000_000L);
			assertThat(run.err()).startsWith("error: another lint, undo or verify-undo is using SHADOW_DATABASE_URL");
			assertThat(run.err().strip().lines()).hasSize(1);
			assertThat(shadow.hasTable("expenses")).isFalse();
		}
		LauncherRun free = LauncherRun.of(environment, "lint");
		assertThat(free.code()).as(free.err()).isEqualTo(1);
		FaultReport.observed("exit 75 after the wait naming SHADOW_DATABASE_URL; the next lint, once free, ran");
	}

	@Test
	void aShadowAnotherRunHoldsIsWaitedFor() throws Exception {
		TestDatabase shadow = TestDatabase.create();
		Map<String, String> environment = pending();
		environment.put("SHADOW_DATABASE_URL", shadow.url());
		environment.put("MIGRATION_LOCK_WAIT", "60s");
		Connection other = shadow.connect();
		try (Statement statement = other.createStatement()) {
			statement.execute("SELECT pg_advisory_lock(" + SHADOW_LOCK + ")");
		}
		Thread release = new Thread(() -> {
			try {
				Thread.sleep(2000);
				other.close();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		release.start();
		long started = System.nanoTime();
		LauncherRun run = LauncherRun.of(environment, "lint");
		release.join();
		assertThat(run.code()).as(run.err()).isEqualTo(1);
		assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(2_000_000_000L);
		assertThat(run.out()).contains("index-without-concurrently").doesNotContain("drop-table");
	}

}
