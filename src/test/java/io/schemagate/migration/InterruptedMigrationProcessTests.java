package io.schemagate.migration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.support.FaultReport;
import io.schemagate.support.Json;
import io.schemagate.support.LauncherProcess;
import io.schemagate.support.MigrationFiles;
import io.schemagate.support.TestDatabase;

/** SIGTERM and kill -9 while a migration runs, with real processes. */
@ExtendWith(FaultReport.class)
class InterruptedMigrationProcessTests {

	private static final Duration LIMIT = Duration.ofSeconds(90);

	@TempDir
	Path migrations;

	private Map<String, String> slowMigration(TestDatabase database) {
		Map<String, String> environment = database.environment();
		environment.put("SPRING_FLYWAY_LOCATIONS", new MigrationFiles(this.migrations)
			.add("4", "slow", "CREATE TABLE half_done (id int);\nSELECT pg_sleep(60);")
			.locations());
		return environment;
	}

	private static void awaitSlowMigration(TestDatabase database, LauncherProcess process) {
		process.awaitCondition(LIMIT, () -> database.isRunning("pg_sleep(60)"), "running the slow migration");
	}

	private static void awaitNoOrphan(TestDatabase database) {
		LauncherProcess.await(Duration.ofSeconds(10), () -> !database.isRunning("pg_sleep(60)"),
				() -> "ended by the server: the orphaned statement of the killed migrator");
	}

	private static void assertRolledBackAndUnlocked(TestDatabase database) {
		assertThat(database.appliedVersions()).containsExactly("1", "2", "3");
		assertThat(database.queryColumn("SELECT count(*) FROM flyway_schema_history WHERE version = '4'"))
			.containsExactly("0");
		assertThat(database.hasTable("half_done")).isFalse();
	}

	@Test
	@FaultReport.Scenario(value = "SIGTERM during a slow migration",
			expected = "statement cancelled, transaction rolled back, exit 143, no history row, lock free, next migrate ok")
	void sigtermDuringAMigrationRollsItBackAndExitsNonZero() {
		TestDatabase database = TestDatabase.create();
		Map<String, String> environment = slowMigration(database);
		environment.put("RUN_MIGRATIONS", "true");
		try (LauncherProcess serve = LauncherProcess.start(environment, "serve")) {
			awaitSlowMigration(database, serve);
			long start = System.nanoTime();
			assertThat(serve.terminate(Duration.ofSeconds(30))).isEqualTo(143);
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertThat(took).isLessThan(Duration.ofSeconds(20));
			FaultReport.observed("exit 143 " + took.toMillis() + " ms after SIGTERM");
			assertThat(serve.stderr()).contains("stopping during a migration: cancelling it")
				.contains("migration V4 slow failed: ERROR: canceling statement due to user request");
		}
		assertRolledBackAndUnlocked(database);
		assertThat(database.queryColumn("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%'"
				+ " AND pid <> pg_backend_pid()")).containsExactly("0");
		try (LauncherProcess migrate = LauncherProcess.start(database.environment(), "migrate")) {
			assertThat(migrate.waitForExit(LIMIT)).isZero();
			assertThat(migrate.stderr()).doesNotContain("waiting for the migration lock");
		}
		FaultReport.observed("history 1-3, no half_done table, no running statement, next migrate exit 0 without a lock wait");
	}

	@Test
	void withJsonLogsEveryLineOfAStopDuringAMigrationIsAJsonDocument() {
		TestDatabase database = TestDatabase.create();
		Map<String, String> environment = slowMigration(database);
		environment.put("LOG_FORMAT", "json");
		try (LauncherProcess migrate = LauncherProcess.start(environment, "migrate")) {
			awaitSlowMigration(database, migrate);
			assertThat(migrate.terminate(Duration.ofSeconds(30))).isEqualTo(143);
			List<JsonNode> lines = migrate.stderr().lines().filter((line) -> !line.isBlank()).map((line) -> {
				assertThat(line).as("a line of stderr").startsWith("{");
				return Json.read(line);
			}).toList();
			assertThat(lines).anySatisfy((line) -> {
				assertThat(line.get("log").get("level").asString()).isEqualTo("WARN");
				assertThat(line.get("message").asString()).startsWith("stopping during a migration: cancelling it");
			});
			// The last line names the code the process really ended with, not the failed migration's 65.
			JsonNode last = lines.get(lines.size() - 1);
			assertThat(last.get("message").asString()).startsWith("migration V4 slow failed");
			assertThat(last.get("process").get("exit_code").asInt()).isEqualTo(143);
		}
		assertRolledBackAndUnlocked(database);
	}

	@Test
	@FaultReport.Scenario(value = "kill -9 during a slow migration",
			expected = "exit 137, nothing half applied, no history row, orphaned statement and locks gone within seconds, next migrate applies it")
	void killDashNineDuringAMigrationLeavesNoHalfAppliedRowAndTheNextMigrateSucceeds() {
		TestDatabase database = TestDatabase.create();
		Map<String, String> environment = slowMigration(database);
		try (LauncherProcess migrate = LauncherProcess.start(environment, "migrate")) {
			awaitSlowMigration(database, migrate);
			ProcessHandle.of(migrate.pid()).ifPresent(ProcessHandle::destroyForcibly);
			assertThat(migrate.waitForExit(LIMIT)).isEqualTo(137);
		}
		assertRolledBackAndUnlocked(database);
		// PostgreSQL notices the dead client by itself (client_connection_check_interval)
		// and ends its statement, its transaction and its session's migration lock.
		long killed = System.nanoTime();
		awaitNoOrphan(database);
		Duration orphaned = Duration.ofNanos(System.nanoTime() - killed);
		assertThat(database.queryColumn("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).containsExactly("0");
		Map<String, String> fixed = database.environment();
		fixed.put("SPRING_FLYWAY_LOCATIONS", new MigrationFiles(this.migrations)
			.add("4", "slow", "CREATE TABLE half_done (id int);")
			.locations());
		try (LauncherProcess again = LauncherProcess.start(fixed, "migrate")) {
			assertThat(again.waitForExit(LIMIT)).as(again.output()).isZero();
		}
		assertThat(database.appliedVersions()).containsExactly("1", "2", "3", "4");
		FaultReport.observed("exit 137; history 1-3, no half_done table; the server ended the orphaned statement and"
				+ " its locks " + orphaned.toMillis() + " ms later; next migrate applied V4");
	}

	@Test
	@FaultReport.Scenario(value = "CREATE INDEX CONCURRENTLY interrupted",
			expected = "status names the failed row and the INVALID index; migrate refuses (65); drop + repair + migrate recover")
	void anInterruptedConcurrentIndexIsReportedAndRepairPlusMigrateRecover() throws Exception {
		TestDatabase database = LauncherProcess.migratedDatabase();
		Map<String, String> environment = database.environment();
		environment.put("SPRING_FLYWAY_LOCATIONS", new MigrationFiles(this.migrations)
			.add("4", "index_descriptions", "CREATE INDEX CONCURRENTLY expenses_description_idx ON expenses (description);")
			.locations());
		environment.put("MIGRATION_LOCK_TIMEOUT", "0");
		try (java.sql.Connection writer = database.connect(); java.sql.Statement statement = writer.createStatement()) {
			// An open writing transaction: CREATE INDEX CONCURRENTLY waits for it to end.
			writer.setAutoCommit(false);
			statement.execute("INSERT INTO expenses (description, amount, currency, spent_on) VALUES ('w', 1, 'EUR', '2026-01-01')");
			try (LauncherProcess migrate = LauncherProcess.start(environment, "migrate")) {
				migrate.awaitCondition(LIMIT, () -> !database.queryColumn("SELECT pid FROM pg_stat_activity"
						+ " WHERE query LIKE 'CREATE INDEX CONCURRENTLY expenses_description_idx%'").isEmpty(),
						"building the index");
				assertThat(migrate.terminate(Duration.ofSeconds(30))).isEqualTo(143);
			}
			writer.rollback();
		}
		try (LauncherProcess status = LauncherProcess.start(environment, "status")) {
			assertThat(status.waitForExit(LIMIT)).isZero();
			assertThat(status.stdout()).contains("failed: 1", "V4 index_descriptions",
					"invalid indexes: [public.expenses_description_idx]", "DROP INDEX CONCURRENTLY");
		}
		try (LauncherProcess migrate = LauncherProcess.start(environment, "migrate")) {
			assertThat(migrate.waitForExit(LIMIT)).isEqualTo(65);
			assertThat(migrate.stderr()).contains("error: the database's history disagrees with this build (Detected failed migration to version 4");
		}
		database.execute("DROP INDEX CONCURRENTLY expenses_description_idx");
		try (LauncherProcess repair = LauncherProcess.start(environment, "repair")) {
			assertThat(repair.waitForExit(LIMIT)).isZero();
			assertThat(repair.stdout()).contains("removed failed row(s): [V4 index_descriptions]");
		}
		try (LauncherProcess migrate = LauncherProcess.start(environment, "migrate")) {
			assertThat(migrate.waitForExit(LIMIT)).as(migrate.output()).isZero();
		}
		assertThat(database.appliedVersions()).containsExactly("1", "2", "3", "4");
		assertThat(database.queryColumn("SELECT indisvalid FROM pg_index WHERE indexrelid = 'expenses_description_idx'::regclass"))
			.containsExactly("t");
		FaultReport.observed("status showed failed V4 and the INVALID index; migrate exit 65; after drop + repair, migrate exit 0, index valid");
	}

}
