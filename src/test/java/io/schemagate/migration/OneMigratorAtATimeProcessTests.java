package io.schemagate.migration;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.support.FaultReport;
import io.schemagate.support.LauncherProcess;
import io.schemagate.support.MigrationFiles;
import io.schemagate.support.TestDatabase;

/**
 * One migrator at a time, really: not beside the statement of a migrator that is gone,
 * not failing a run whose lock session was lost, and not hanging on SIGTERM while it waits.
 */
@ExtendWith(FaultReport.class)
class OneMigratorAtATimeProcessTests {

	private static final Duration LIMIT = Duration.ofSeconds(120);

	private static final String INDEX = "CREATE INDEX CONCURRENTLY expenses_description_idx ON expenses (description)";

	@TempDir
	Path folder;

	private Map<String, String> withIndexMigration(TestDatabase database) {
		Map<String, String> environment = database.environment();
		environment.put("SPRING_FLYWAY_LOCATIONS",
				new MigrationFiles(this.folder).add("4", "index_descriptions", INDEX + ";").locations());
		return environment;
	}

	/** An open writing transaction: CREATE INDEX CONCURRENTLY waits for it to end. */
	private static Connection openWriter(TestDatabase database) throws Exception {
		Connection writer = database.connect();
		writer.setAutoCommit(false);
		try (Statement statement = writer.createStatement()) {
			statement.execute("INSERT INTO expenses (description, amount, currency, spent_on) VALUES ('w', 1, 'EUR', '2026-01-01')");
		}
		return writer;
	}

	private static void assertIndexBuiltOnce(TestDatabase database) {
		assertThat(database.queryColumn("SELECT indisvalid FROM pg_index WHERE indexrelid = 'expenses_description_idx'::regclass"))
			.containsExactly("t");
		assertThat(database.historyRowsPerVersion()).containsEntry("4", 1);
		assertThat(database.queryColumn("SELECT count(*) FROM flyway_schema_history WHERE NOT success")).containsExactly("0");
	}

	@Test
	@FaultReport.Scenario(value = "a new migrator while a gone migrator's CREATE INDEX CONCURRENTLY still runs on the server",
			expected = "waits (bounded by MIGRATION_LOCK_WAIT) naming that session; once it ends, drops the INVALID index, builds it again, exit 0")
	void aNewMigratorWaitsForTheStatementOfOneThatIsGoneThenRebuildsItsIndex() throws Exception {
		TestDatabase database = LauncherProcess.migratedDatabase();
		long running = MigrationLock.runningKey(MigrationLock.scopeOf(Flyway.configure()));
		try (Connection writer = openWriter(database); Connection orphan = database.connect();
				Statement statement = orphan.createStatement()) {
			// What a killed migrator leaves until the server notices: its session, its lock, its statement.
			statement.execute("SET application_name = 'schemagate-migrate-migrator@gone:1'");
			statement.execute("SELECT pg_advisory_lock(" + running + ")");
			CompletableFuture<Void> build = CompletableFuture.runAsync(() -> {
				try {
					statement.execute(INDEX);
				}
				catch (java.sql.SQLException ex) {
					// Terminated below, as the server ends the statement of a client that is gone.
				}
			});
			try (LauncherProcess migrate = LauncherProcess.start(withIndexMigration(database), "migrate")) {
				migrate.awaitCondition(LIMIT, () -> migrate.stderr().contains("waiting for the session of an earlier"
						+ " migrator to end, held by pid"), "waiting for the orphan");
				assertThat(migrate.stderr()).contains("application_name 'schemagate-migrate-migrator@gone:1', running"
						+ " 'CREATE INDEX CONCURRENTLY expenses_description_idx");
				LauncherProcess.sleep(Duration.ofSeconds(2));
				assertThat(migrate.isAlive()).isTrue();
				assertThat(database.appliedVersions()).containsExactly("1", "2", "3");
				FaultReport.observed("waited, naming the orphan's pid, application_name and statement");
				database.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
						+ " WHERE application_name = 'schemagate-migrate-migrator@gone:1'");
				build.join();
				writer.rollback();
				assertThat(migrate.waitForExit(LIMIT)).as(migrate.output()).isZero();
				assertThat(migrate.stderr()).contains("V4 index_descriptions builds index expenses_description_idx,"
						+ " which is INVALID: an earlier CREATE INDEX CONCURRENTLY was interrupted");
			}
		}
		assertIndexBuiltOnce(database);
		FaultReport.observed("after the orphan ended: dropped the INVALID index, built it again, exit 0, one row");
	}

	@Test
	void aNewMigratorGivesUpAfterMigrationLockWaitNamingTheStatement() throws Exception {
		TestDatabase database = LauncherProcess.migratedDatabase();
		long running = MigrationLock.runningKey(MigrationLock.scopeOf(Flyway.configure()));
		try (Connection orphan = database.connect(); Statement statement = orphan.createStatement()) {
			statement.execute("SET application_name = 'schemagate-migrate-migrator@gone:1'");
			statement.execute("SELECT pg_advisory_lock(" + running + ")");
			CompletableFuture<Void> sleep = CompletableFuture.runAsync(() -> {
				try {
					statement.execute("SELECT pg_sleep(60)");
				}
				catch (java.sql.SQLException ex) {
					// Ended below.
				}
			});
			Map<String, String> environment = withIndexMigration(database);
			environment.put("MIGRATION_LOCK_WAIT", "2s");
			try (LauncherProcess migrate = LauncherProcess.start(environment, "migrate")) {
				assertThat(migrate.waitForExit(LIMIT)).as(migrate.output()).isEqualTo(75);
				assertThat(migrate.stderr()).containsPattern("error: the session of an earlier migrator \\(pid [0-9]+,"
						+ " application_name 'schemagate-migrate-migrator@gone:1', running 'SELECT pg_sleep\\(60\\)'\\) was"
						+ " still running a migration after MIGRATION_LOCK_WAIT=2s");
			}
			database.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
					+ " WHERE application_name = 'schemagate-migrate-migrator@gone:1'");
			sleep.join();
		}
		assertThat(database.appliedVersions()).containsExactly("1", "2", "3");
	}

	@Test
	@FaultReport.Scenario(value = "kill -9 of a migrator during a long CREATE INDEX CONCURRENTLY, a second migrator at once",
			expected = "never two at once: the second ends with the index valid, one history row, no failed row")
	void aMigratorKilledDuringAnIndexBuildLeavesNothingTheNextOneCannotFinish() throws Exception {
		TestDatabase database = LauncherProcess.migratedDatabase();
		Map<String, String> environment = withIndexMigration(database);
		try (Connection writer = openWriter(database)) {
			try (LauncherProcess first = LauncherProcess.start(environment, "migrate")) {
				first.awaitCondition(LIMIT, () -> database.isRunning("CREATE INDEX CONCURRENTLY expenses_description_idx"),
						"building the index");
				ProcessHandle.of(first.pid()).ifPresent(ProcessHandle::destroyForcibly);
				assertThat(first.waitForExit(LIMIT)).isEqualTo(137);
			}
			try (LauncherProcess second = LauncherProcess.start(environment, "migrate")) {
				LauncherProcess.sleep(Duration.ofSeconds(5));
				writer.rollback();
				assertThat(second.waitForExit(LIMIT)).as(second.output()).isZero();
				FaultReport.observed("second migrator exit 0"
						+ (second.stderr().contains("waiting for the session of an earlier migrator")
								? " after waiting for the first one's session" : "")
						+ (second.stderr().contains("which is INVALID") ? ", INVALID index rebuilt" : ""));
			}
		}
		assertIndexBuiltOnce(database);
		FaultReport.observed("index valid, one history row, no failed row");
	}

	@Test
	@FaultReport.Scenario(value = "the migration lock's own session is terminated during the run",
			expected = "the run goes on and exits 0 with a warning; a migrator started meanwhile does not apply it twice")
	void losingTheMigrationLocksSessionIsAWarningAndLetsNoSecondMigratorIn() {
		TestDatabase database = LauncherProcess.migratedDatabase();
		Map<String, String> environment = database.environment();
		environment.put("SPRING_FLYWAY_LOCATIONS", new MigrationFiles(this.folder)
			.add("4", "slow", "CREATE TABLE slow_made (id int);\nSELECT pg_sleep(4);").locations());
		try (LauncherProcess first = LauncherProcess.start(environment, "migrate")) {
			first.awaitCondition(LIMIT, () -> database.isRunning("pg_sleep(4)"), "running V4");
			// The migration lock: advisory, "SG" (0x5347) in its high half.
			assertThat(database.queryColumn("SELECT count(pg_terminate_backend(pid)) FROM pg_locks"
					+ " WHERE locktype = 'advisory' AND classid = " + 0x5347)).containsExactly("1");
			try (LauncherProcess second = LauncherProcess.start(environment, "migrate")) {
				assertThat(first.waitForExit(LIMIT)).as(first.output()).isZero();
				assertThat(first.stdout()).startsWith("applied 1 migration");
				assertThat(first.stderr()).contains("the migration lock's session was gone when the run ended");
				assertThat(second.waitForExit(LIMIT)).as(second.output()).isZero();
				assertThat(second.stdout()).startsWith("nothing to apply");
			}
		}
		assertThat(database.historyRowsPerVersion()).containsEntry("4", 1);
		FaultReport.observed("first exit 0 with a warning; second found nothing to apply; one row");
	}

	@Test
	@FaultReport.Scenario(value = "SIGTERM while waiting for the migration lock",
			expected = "exit 143 at once, saying it was waiting and nothing was applied")
	void sigtermWhileWaitingForTheLockExitsAtOnce() {
		TestDatabase database = LauncherProcess.migratedDatabase();
		Map<String, String> environment = database.environment();
		environment.put("SPRING_FLYWAY_LOCATIONS",
				new MigrationFiles(this.folder).add("4", "slow", "SELECT pg_sleep(30);").locations());
		try (LauncherProcess holder = LauncherProcess.start(environment, "migrate");
				LauncherProcess waiter = LauncherProcess.start(environment, "migrate")) {
			LauncherProcess.await(LIMIT, () -> holder.stderr().contains("waiting for the migration lock")
					|| waiter.stderr().contains("waiting for the migration lock"), () -> "one waiting");
			LauncherProcess waiting = waiter.stderr().contains("waiting for the migration lock") ? waiter : holder;
			long start = System.nanoTime();
			assertThat(waiting.terminate(LIMIT)).isEqualTo(143);
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertThat(took).isLessThan(Duration.ofSeconds(3));
			assertThat(waiting.stderr()).contains("stopping while waiting for the migration lock: nothing of this run"
					+ " was applied");
			FaultReport.observed("exit 143 in " + took.toMillis() + " ms, saying it was waiting");
		}
	}

}
