package io.schemagate.undo;

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

/** undo as real processes: stopped halfway, and two at once. */
@ExtendWith(FaultReport.class)
class UndoProcessTests {

	private static final Duration LIMIT = Duration.ofSeconds(90);

	@TempDir
	Path folder;

	/** The target at V5, whose undo sleeps {@code seconds} before dropping the table. */
	private Map<String, String> slowUndo(TestDatabase database, int seconds) {
		MigrationFiles files = new MigrationFiles(this.folder).add("4", "gadgets", "CREATE TABLE gadgets (id int);")
			.write("U4__gadgets.sql", "DROP TABLE gadgets;")
			.add("5", "widgets", "CREATE TABLE widgets (id int);")
			.write("U5__widgets.sql", "DROP TABLE widgets;\nSELECT pg_sleep(" + seconds + ");");
		Map<String, String> environment = files.environment(database);
		try (LauncherProcess migrate = LauncherProcess.start(environment, "migrate")) {
			assertThat(migrate.waitForExit(LIMIT)).as(migrate.output()).isZero();
		}
		return environment;
	}

	@Test
	@FaultReport.Scenario(value = "SIGTERM during an undo of two migrations",
			expected = "exit 143; its one transaction rolled back: schema and history exactly as before")
	void sigtermMidUndoLeavesEverythingAsItWas() {
		TestDatabase database = TestDatabase.create();
		Map<String, String> environment = slowUndo(database, 30);
		String before = database.snapshot();
		try (LauncherProcess undo = LauncherProcess.start(environment, "undo", "--steps", "2")) {
			undo.awaitCondition(LIMIT, () -> database.isRunning("pg_sleep(30)") && undo.stderr().contains("undoing V5"),
					"undoing on the target");
			assertThat(undo.terminate(LIMIT)).isEqualTo(143);
		}
		assertThat(database.snapshot()).isEqualTo(before);
		assertThat(database.appliedVersions()).containsExactly("1", "2", "3", "4", "5");
		FaultReport.observed("exit 143; widgets still there; history 1-5");
	}

	@Test
	@FaultReport.Scenario(value = "two undos of the newest migration at once",
			expected = "the second waits for the migration lock, then refuses: the history changed; never two undone")
	void twoUndosAtOnceUndoOneMigration() {
		TestDatabase database = TestDatabase.create();
		Map<String, String> environment = slowUndo(database, 3);
		try (LauncherProcess first = LauncherProcess.start(environment, "undo");
				LauncherProcess second = LauncherProcess.start(environment, "undo")) {
			int a = first.waitForExit(LIMIT);
			int b = second.waitForExit(LIMIT);
			assertThat(java.util.List.of(a, b)).as(first.output() + second.output()).containsExactlyInAnyOrder(0, 65);
			LauncherProcess refused = (a == 65) ? first : second;
			// The data loss is checked under the lock: the second waits for it, then sees the history changed.
			assertThat(refused.stderr()).contains("the history changed while undo checked the run", "nothing was undone");
		}
		assertThat(database.appliedVersions()).containsExactly("1", "2", "3", "4");
		assertThat(database.hasTable("gadgets")).isTrue();
		FaultReport.observed("one exit 0, the other 65 'history changed'; only V5 undone");
	}

	@Test
	@FaultReport.Scenario(value = "a second undo while the first holds the migration lock, short MIGRATION_LOCK_WAIT",
			expected = "exit 75 at MIGRATION_LOCK_WAIT, not a data-loss refusal; the first undoes V5")
	void aSecondUndoWaitsForTheLockAndExits75() {
		TestDatabase database = TestDatabase.create();
		Map<String, String> environment = slowUndo(database, 10);
		Map<String, String> impatient = new java.util.HashMap<>(environment);
		impatient.put("MIGRATION_LOCK_WAIT", "2s");
		try (LauncherProcess first = LauncherProcess.start(environment, "undo")) {
			first.awaitCondition(LIMIT, () -> database.isRunning("pg_sleep(10)"), "undoing V5 on the target");
			try (LauncherProcess second = LauncherProcess.start(impatient, "undo")) {
				assertThat(second.waitForExit(LIMIT)).as(second.output()).isEqualTo(75);
				assertThat(second.stderr()).contains("MIGRATION_LOCK_WAIT=2s").doesNotContain("may hold data");
			}
			assertThat(first.waitForExit(LIMIT)).as(first.output()).isZero();
		}
		assertThat(database.appliedVersions()).containsExactly("1", "2", "3", "4");
		FaultReport.observed("second exit 75 naming MIGRATION_LOCK_WAIT=2s; first exit 0; only V5 undone");
	}

	@Test
	@FaultReport.Scenario(value = "undo of the concurrent index (DROP INDEX CONCURRENTLY) while an older transaction is open",
			expected = "waits for it past MIGRATION_LOCK_TIMEOUT, then exit 0: index gone, V3 pending, none INVALID")
	void aConcurrentUndoWaitsForAnOlderTransactionInsteadOfTimingOut() throws Exception {
		TestDatabase database = TestDatabase.create();
		Map<String, String> environment = new MigrationFiles(this.folder).environment(database);
		try (LauncherProcess migrate = LauncherProcess.start(environment, "migrate")) {
			assertThat(migrate.waitForExit(LIMIT)).as(migrate.output()).isZero();
		}
		environment.put("MIGRATION_LOCK_TIMEOUT", "1s");
		try (Connection older = database.connect(); Statement statement = older.createStatement()) {
			older.setAutoCommit(false);
			statement.execute("SELECT count(*) FROM expenses");
			try (LauncherProcess undo = LauncherProcess.start(environment, "undo")) {
				// On the target, not the scratch database the undo is first traced on.
				undo.awaitCondition(LIMIT, () -> !database.queryColumn("SELECT pid FROM pg_stat_activity WHERE query LIKE"
						+ " '%DROP INDEX CONCURRENTLY%' AND datname = current_database() AND pid <> pg_backend_pid()")
					.isEmpty(), "dropping the index on the target");
				LauncherProcess.sleep(Duration.ofSeconds(3));
				assertThat(undo.isAlive()).as("still waiting 3 s past a 1 s lock_timeout: " + undo.output()).isTrue();
				older.rollback();
				assertThat(undo.waitForExit(LIMIT)).as(undo.output()).isZero();
			}
		}
		assertThat(database.queryColumn("SELECT to_regclass('expenses_spent_on_idx')")).containsOnlyNulls();
		assertThat(database.queryColumn("SELECT count(*) FROM pg_index WHERE NOT indisvalid")).containsExactly("0");
		assertThat(database.appliedVersions()).containsExactly("1", "2");
		FaultReport.observed("waited past MIGRATION_LOCK_TIMEOUT=1s, then exit 0; index dropped, V3 undone");
	}

}
