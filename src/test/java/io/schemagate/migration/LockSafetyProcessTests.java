package io.schemagate.migration;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.support.FaultReport;
import io.schemagate.support.LauncherProcess;
import io.schemagate.support.MigrationFiles;
import io.schemagate.support.TestDatabase;

/** What strong_migrations teaches: migrations that cannot get their locks fail fast and say why. */
@ExtendWith(FaultReport.class)
class LockSafetyProcessTests {

	private static final Duration LIMIT = Duration.ofSeconds(90);

	@TempDir
	Path migrations;

	@Test
	@FaultReport.Scenario(value = "ALTER TABLE queued behind an open transaction",
			expected = "rolled back after MIGRATION_LOCK_TIMEOUT, tried again (MIGRATION_LOCK_RETRIES), then exit 75 naming the blocker; schema unchanged; retry ok")
	void aMigrationQueuedBehindALongTransactionIsTriedAgainThenExits75NamingTheBlocker() throws Exception {
		TestDatabase database = LauncherProcess.migratedDatabase();
		Map<String, String> environment = database.environment();
		environment.put("SPRING_FLYWAY_LOCATIONS", new MigrationFiles(this.migrations)
			.add("4", "add_notes", "ALTER TABLE expenses ADD COLUMN notes text;")
			.locations());
		environment.put("MIGRATION_LOCK_TIMEOUT", "2s");
		environment.put("MIGRATION_LOCK_RETRIES", "1");
		try (Connection blocker = database.connect(); Statement statement = blocker.createStatement()) {
			statement.execute("SET application_name = 'report-job'");
			blocker.setAutoCommit(false);
			statement.execute("SELECT count(*) FROM expenses");
			try (LauncherProcess migrate = LauncherProcess.start(environment, "migrate")) {
				assertThat(migrate.waitForExit(LIMIT)).isEqualTo(75);
				assertThat(migrate.stderr()).containsPattern("V4 add_notes was rolled back: ERROR: canceling statement due"
						+ " to lock timeout; blocked by pid [0-9]+ \\(application_name 'report-job'.*Trying again in [0-9]+ ms"
						+ " \\(retry 1 of 1, MIGRATION_LOCK_RETRIES\\)")
					.containsPattern("error: migration V4 add_notes timed out waiting for a lock \\(MIGRATION_LOCK_TIMEOUT\\)"
							+ " 2 time\\(s\\) \\(MIGRATION_LOCK_RETRIES\\): ERROR: canceling statement due to lock timeout;"
							+ " blocked by pid [0-9]+ \\(application_name 'report-job', idle in transaction, transaction open"
							+ " [0-9]+ s, last query: SELECT count\\(\\*\\) FROM expenses\\)\\. It was rolled back; run migrate"
							+ " again later");
			}
			assertThat(database.appliedVersions()).containsExactly("1", "2", "3");
			assertThat(database.queryColumn("SELECT count(*) FROM information_schema.columns WHERE column_name = 'notes'"))
				.containsExactly("0");
			FaultReport.observed("tried twice, then exit 75 naming pid and application_name 'report-job'; schema unchanged");
			blocker.rollback();
		}
		try (LauncherProcess retry = LauncherProcess.start(environment, "migrate")) {
			assertThat(retry.waitForExit(LIMIT)).as(retry.output()).isZero();
		}
		assertThat(database.appliedVersions()).containsExactly("1", "2", "3", "4");
		FaultReport.observed("migrate after the blocker ended: exit 0");
	}

	@Test
	@FaultReport.Scenario(value = "a lock timeout whose blocker ends before the retry",
			expected = "rolled back, tried again after a pause, applied: exit 0")
	void aLockTimeoutIsTriedAgainAndPassesOnceTheBlockerIsGone() throws Exception {
		TestDatabase database = LauncherProcess.migratedDatabase();
		Map<String, String> environment = database.environment();
		environment.put("SPRING_FLYWAY_LOCATIONS", new MigrationFiles(this.migrations)
			.add("4", "add_notes", "ALTER TABLE expenses ADD COLUMN notes text;")
			.locations());
		environment.put("MIGRATION_LOCK_TIMEOUT", "1s");
		try (Connection blocker = database.connect(); Statement statement = blocker.createStatement()) {
			blocker.setAutoCommit(false);
			statement.execute("SELECT count(*) FROM expenses");
			try (LauncherProcess migrate = LauncherProcess.start(environment, "migrate")) {
				migrate.awaitCondition(LIMIT, () -> migrate.stderr().contains("Trying again in"), "a retry");
				blocker.rollback();
				assertThat(migrate.waitForExit(LIMIT)).as(migrate.output()).isZero();
				assertThat(migrate.stdout()).startsWith("applied 1 migration (schema 3 -> 4)");
			}
		}
		assertThat(database.historyRowsPerVersion()).containsEntry("4", 1);
		FaultReport.observed("one retry, then exit 0, V4 applied once");
	}

	@Test
	@FaultReport.Scenario(value = "a migration deadlocks with another session",
			expected = "the other session named (pid, application_name, query), the migration tried again: exit 0; with MIGRATION_LOCK_RETRIES=0 exit 75")
	void aDeadlockNamesTheOtherSessionAndIsTriedAgain() throws Exception {
		TestDatabase database = LauncherProcess.migratedDatabase();
		database.execute("CREATE TABLE left_side (id int PRIMARY KEY, n int); INSERT INTO left_side VALUES (1, 0);"
				+ " CREATE TABLE right_side (id int PRIMARY KEY, n int); INSERT INTO right_side VALUES (1, 0);");
		Map<String, String> environment = database.environment();
		environment.put("SPRING_FLYWAY_LOCATIONS", new MigrationFiles(this.migrations)
			.add("4", "both_sides", "UPDATE left_side SET n = n + 1;\nUPDATE right_side SET n = n + 1;")
			.locations());
		// First without retries (exit 75, nothing applied), then with them (applied once).
		for (String retries : new String[] { "0", "3" }) {
			environment.put("MIGRATION_LOCK_RETRIES", retries);
			try (Connection other = database.connect(); Statement statement = other.createStatement()) {
				statement.execute("SET application_name = 'deadlock-partner'");
				other.setAutoCommit(false);
				statement.execute("UPDATE right_side SET n = n + 10");
				try (LauncherProcess migrate = LauncherProcess.start(environment, "migrate")) {
					// The migration holds left_side and waits for right_side: then this session closes the cycle.
					migrate.awaitCondition(LIMIT, () -> !database.queryColumn("SELECT pid FROM pg_stat_activity"
							+ " WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE right_side%'").isEmpty(),
							"waiting for right_side");
					java.util.concurrent.CompletableFuture<Void> partner = java.util.concurrent.CompletableFuture
						.runAsync(() -> {
							try {
								statement.execute("UPDATE left_side SET n = n + 10");
								// Still open while the migrator looks it up, as a real job's transaction would be.
								LauncherProcess.sleep(Duration.ofSeconds(3));
								other.commit();
							}
							catch (java.sql.SQLException ex) {
								throw new IllegalStateException(ex);
							}
						});
					int code = migrate.waitForExit(LIMIT);
					partner.get(30, java.util.concurrent.TimeUnit.SECONDS);
					assertThat(migrate.stderr()).containsPattern("deadlocked with pid [0-9]+ \\(application_name"
							+ " 'deadlock-partner', last query: UPDATE (left|right)_side SET n = n \\+ 10\\)");
					if ("3".equals(retries)) {
						assertThat(code).as(migrate.output()).isZero();
						assertThat(migrate.stderr()).contains("V4 both_sides was rolled back: ERROR: deadlock detected");
					}
					else {
						assertThat(code).as(migrate.output()).isEqualTo(75);
						assertThat(migrate.stderr()).contains("error: migration V4 both_sides deadlocked 1 time(s)");
					}
				}
			}
		}
		assertThat(database.historyRowsPerVersion()).containsEntry("4", 1);
		// Each round: the partner's +10 on both, committed; the migration's +1 on both, once.
		assertThat(database.queryColumn("SELECT l.n || ',' || r.n FROM left_side l, right_side r")).containsExactly("21,21");
		FaultReport.observed("the partner named; retried and applied (exit 0); with retries 0: exit 75");
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
