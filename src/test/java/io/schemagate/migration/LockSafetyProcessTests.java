package io.schemagate.migration;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.schemagate.support.FaultReport;
import io.schemagate.support.LauncherProcess;
import io.schemagate.support.MigrationFiles;
import io.schemagate.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** What strong_migrations teaches: migrations that cannot get their locks fail fast and say why. */
@ExtendWith(FaultReport.class)
class LockSafetyProcessTests {

	private static final Duration LIMIT = Duration.ofSeconds(90);

	@TempDir
	Path migrations;

	@Test
	@FaultReport.Scenario(value = "ALTER TABLE queued behind an open transaction",
			expected = "fails after MIGRATION_LOCK_TIMEOUT naming the blocker (pid, application_name); schema unchanged; retry ok")
	void aMigrationQueuedBehindALongTransactionFailsFastNamingTheBlocker() throws Exception {
		TestDatabase database = LauncherProcess.migratedDatabase();
		Map<String, String> environment = database.environment();
		environment.put("SPRING_FLYWAY_LOCATIONS", new MigrationFiles(this.migrations)
			.add("4", "add_notes", "ALTER TABLE expenses ADD COLUMN notes text;")
			.locations());
		environment.put("MIGRATION_LOCK_TIMEOUT", "2s");
		try (Connection blocker = database.connect(); Statement statement = blocker.createStatement()) {
			statement.execute("SET application_name = 'report-job'");
			blocker.setAutoCommit(false);
			statement.execute("SELECT count(*) FROM expenses");
			try (LauncherProcess migrate = LauncherProcess.start(environment, "migrate")) {
				assertThat(migrate.waitForExit(LIMIT)).isEqualTo(65);
				assertThat(migrate.stderr()).containsPattern(
						"error: migration V4 add_notes failed: ERROR: canceling statement due to lock timeout \\(MIGRATION_LOCK_TIMEOUT\\); "
								+ "blocked by pid [0-9]+ \\(application_name 'report-job', idle in transaction, transaction open [0-9]+ s, last query: SELECT count\\(\\*\\) FROM expenses\\)");
			}
			assertThat(database.appliedVersions()).containsExactly("1", "2", "3");
			assertThat(database.queryColumn("SELECT count(*) FROM information_schema.columns WHERE column_name = 'notes'"))
				.containsExactly("0");
			FaultReport.observed("exit 65 naming pid and application_name 'report-job'; schema unchanged");
			blocker.rollback();
		}
		try (LauncherProcess retry = LauncherProcess.start(environment, "migrate")) {
			assertThat(retry.waitForExit(LIMIT)).as(retry.output()).isZero();
		}
		assertThat(database.appliedVersions()).containsExactly("1", "2", "3", "4");
		FaultReport.observed("retry after the blocker ended: exit 0");
	}

	@Test
	@FaultReport.Scenario(value = "another migrator holds the lock too long",
			expected = "wait logged, exit 75 at MIGRATION_LOCK_WAIT naming the holder pid and application_name")
	void waitingForAnotherMigratorIsBoundedAndNamesTheHolder() {
		TestDatabase database = TestDatabase.create();
		Map<String, String> slow = database.environment();
		slow.put("SPRING_FLYWAY_LOCATIONS",
				new MigrationFiles(this.migrations).add("4", "slow", "SELECT pg_sleep(30);").locations());
		try (LauncherProcess holder = LauncherProcess.start(slow, "migrate")) {
			holder.awaitCondition(LIMIT, () -> database.isRunning("pg_sleep(30)"), "running the slow migration");
			Map<String, String> impatient = database.environment();
			impatient.put("MIGRATION_LOCK_WAIT", "2s");
			try (LauncherProcess waiter = LauncherProcess.start(impatient, "migrate")) {
				assertThat(waiter.waitForExit(LIMIT)).isEqualTo(75);
				assertThat(waiter.stderr()).containsPattern("waiting for the migration lock, held by pid [0-9]+, "
						+ "application_name 'schemagate-migrate-migrator@[^']*:" + holder.pid() + "'")
					.containsPattern("error: another migrator \\(pid [0-9]+, application_name 'schemagate-migrate-migrator@[^']*:"
							+ holder.pid() + "'\\) held the migration lock for longer than MIGRATION_LOCK_WAIT=2s");
				FaultReport.observed("exit 75 after 2 s naming the holder's pid and application_name");
			}
		}
	}

	@Test
	@FaultReport.Scenario(value = "CREATE INDEX CONCURRENTLY while an older transaction is open",
			expected = "waits for it past MIGRATION_LOCK_TIMEOUT (its lock blocks no query), then exit 0, index valid")
	void createIndexConcurrentlyWaitsForAnOlderTransactionInsteadOfTimingOut() throws Exception {
		TestDatabase database = LauncherProcess.migratedDatabase();
		Map<String, String> environment = database.environment();
		environment.put("SPRING_FLYWAY_LOCATIONS", new MigrationFiles(this.migrations)
			.add("4", "index_by_currency", "CREATE INDEX CONCURRENTLY expenses_by_currency ON expenses (currency);")
			.add("5", "add_notes", "ALTER TABLE expenses ADD COLUMN notes text;")
			.locations());
		environment.put("MIGRATION_LOCK_TIMEOUT", "1s");
		long started = 0;
		try (Connection older = database.connect(); Statement statement = older.createStatement()) {
			older.setAutoCommit(false);
			statement.execute("SELECT count(*) FROM expenses");
			try (LauncherProcess migrate = LauncherProcess.start(environment, "migrate")) {
				migrate.awaitCondition(LIMIT, () -> !database
					.queryColumn("SELECT pid FROM pg_stat_activity WHERE query LIKE 'CREATE INDEX CONCURRENTLY%'")
					.isEmpty(), "building the index");
				started = System.nanoTime();
				LauncherProcess.sleep(Duration.ofSeconds(3));
				assertThat(migrate.isAlive()).as("still waiting 3 s past a 1 s lock_timeout: " + migrate.output()).isTrue();
				older.rollback();
				assertThat(migrate.waitForExit(LIMIT)).as(migrate.output()).isZero();
			}
		}
		Duration waited = Duration.ofNanos(System.nanoTime() - started);
		assertThat(database.appliedVersions()).containsExactly("1", "2", "3", "4", "5");
		assertThat(database.queryColumn("SELECT indisvalid FROM pg_index WHERE indexrelid = 'expenses_by_currency'::regclass"))
			.containsExactly("t");
		// The migration after it, in a transaction again, applies too.
		assertThat(database.queryColumn("SELECT count(*) FROM information_schema.columns WHERE column_name = 'notes'"))
			.containsExactly("1");
		FaultReport.observed("waited " + waited.toSeconds() + " s with MIGRATION_LOCK_TIMEOUT=1s, then exit 0, index valid");
	}

	@Test
	@FaultReport.Scenario(value = "a migration runs longer than MIGRATION_STATEMENT_TIMEOUT",
			expected = "statement cancelled at the timeout, exit 65, transaction rolled back, schema unchanged")
	void aMigrationPastTheStatementTimeoutIsCancelledAndChangesNothing() {
		TestDatabase database = TestDatabase.create();
		Map<String, String> environment = database.environment();
		environment.put("SPRING_FLYWAY_LOCATIONS", new MigrationFiles(this.migrations)
			.add("4", "slow", "CREATE TABLE half_done (id int);\nSELECT pg_sleep(30);")
			.locations());
		environment.put("MIGRATION_STATEMENT_TIMEOUT", "2s");
		long start = System.nanoTime();
		try (LauncherProcess migrate = LauncherProcess.start(environment, "migrate")) {
			assertThat(migrate.waitForExit(LIMIT)).isEqualTo(65);
			assertThat(migrate.stderr()).contains("error: migration V4 slow failed")
				.contains("canceling statement due to statement timeout");
		}
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(took).isLessThan(Duration.ofSeconds(25));
		assertThat(database.appliedVersions()).containsExactly("1", "2", "3");
		assertThat(database.hasTable("half_done")).isFalse();
		FaultReport.observed("exit 65 after " + took.toMillis() + " ms (2 s timeout, 30 s statement); history 1-3, "
				+ "no half_done table");
	}

}
