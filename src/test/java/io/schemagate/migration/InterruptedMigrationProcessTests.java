package io.schemagate.migration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.schemagate.support.LauncherProcess;
import io.schemagate.support.MigrationFiles;
import io.schemagate.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** SIGTERM and kill -9 while a migration runs, with real processes. */
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
		process.awaitCondition(LIMIT,
				() -> !database.queryColumn("SELECT pid FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%'"
						+ " AND pid <> pg_backend_pid()").isEmpty(),
				"running the slow migration");
	}

	private static void assertRolledBackAndUnlocked(TestDatabase database) {
		assertThat(database.appliedVersions()).containsExactly("1", "2", "3");
		assertThat(database.queryColumn("SELECT count(*) FROM flyway_schema_history WHERE version = '4'"))
			.containsExactly("0");
		assertThat(database.hasTable("half_done")).isFalse();
	}

	@Test
	void sigtermDuringAMigrationRollsItBackAndExitsNonZero() {
		TestDatabase database = TestDatabase.create();
		Map<String, String> environment = slowMigration(database);
		environment.put("RUN_MIGRATIONS", "true");
		try (LauncherProcess serve = LauncherProcess.start(environment, "serve")) {
			awaitSlowMigration(database, serve);
			long start = System.nanoTime();
			assertThat(serve.terminate(Duration.ofSeconds(30))).isEqualTo(143);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
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
	}

	@Test
	void killDashNineDuringAMigrationLeavesNoHalfAppliedRowAndTheNextMigrateSucceeds() {
		TestDatabase database = TestDatabase.create();
		Map<String, String> environment = slowMigration(database);
		try (LauncherProcess migrate = LauncherProcess.start(environment, "migrate")) {
			awaitSlowMigration(database, migrate);
			ProcessHandle.of(migrate.pid()).ifPresent(ProcessHandle::destroyForcibly);
			assertThat(migrate.waitForExit(LIMIT)).isEqualTo(137);
		}
		assertRolledBackAndUnlocked(database);
		// The orphaned statement still runs until PostgreSQL notices; cancel it as an operator would.
		database.execute("SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%'"
				+ " AND pid <> pg_backend_pid()");
		Map<String, String> fixed = database.environment();
		fixed.put("SPRING_FLYWAY_LOCATIONS", new MigrationFiles(this.migrations)
			.add("4", "slow", "CREATE TABLE half_done (id int);")
			.locations());
		try (LauncherProcess again = LauncherProcess.start(fixed, "migrate")) {
			assertThat(again.waitForExit(LIMIT)).as(again.output()).isZero();
		}
		assertThat(database.appliedVersions()).containsExactly("1", "2", "3", "4");
	}

}
