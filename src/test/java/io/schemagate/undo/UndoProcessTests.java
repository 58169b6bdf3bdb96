package io.schemagate.undo;

import java.nio.file.Path;
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
			expected = "one undoes it; the other refuses (history changed, or its table locked): never two undone")
	void twoUndosAtOnceUndoOneMigration() {
		TestDatabase database = TestDatabase.create();
		Map<String, String> environment = slowUndo(database, 3);
		try (LauncherProcess first = LauncherProcess.start(environment, "undo");
				LauncherProcess second = LauncherProcess.start(environment, "undo")) {
			int a = first.waitForExit(LIMIT);
			int b = second.waitForExit(LIMIT);
			assertThat(java.util.List.of(a, b)).as(first.output() + second.output()).containsExactlyInAnyOrder(0, 65);
			LauncherProcess refused = (a == 65) ? first : second;
			// It refuses under the lock (the history changed), or before it: the other's DROP holds the
			// table it sizes, which it then cannot read in time.
			assertThat(refused.stderr()).containsPattern("the history changed while undo checked the run"
					+ "|it could not be read in time, so it may hold data").contains("nothing was undone");
		}
		assertThat(database.appliedVersions()).containsExactly("1", "2", "3", "4");
		assertThat(database.hasTable("gadgets")).isTrue();
		FaultReport.observed("one exit 0, the other 65 'history changed'; only V5 undone");
	}

}
