package io.schemagate.migration.batch;

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

/** ./entrypoint migrate with MIGRATION_BATCH=true as a real process, stopped halfway. */
@ExtendWith(FaultReport.class)
class BatchMigrationProcessTests {

	private static final Duration LIMIT = Duration.ofSeconds(90);

	@TempDir
	Path migrations;

	private MigrationFiles files() {
		return new MigrationFiles(this.migrations);
	}

	private Map<String, String> environment(TestDatabase database) {
		Map<String, String> environment = database.environment();
		environment.put("SPRING_FLYWAY_LOCATIONS", files().alone());
		environment.put("MIGRATION_BATCH", "true");
		return environment;
	}

	@Test
	@FaultReport.Scenario(value = "SIGTERM during a batch of migrations",
			expected = "statement cancelled, the whole batch rolled back, exit 143, no history row, next migrate ok")
	void sigtermDuringABatchRollsTheWholeBatchBack() {
		files().add("1", "first", "CREATE TABLE first_of_batch (id int);\n").add("2", "slow", "SELECT pg_sleep(60);\n");
		TestDatabase database = TestDatabase.create();
		try (LauncherProcess migrate = LauncherProcess.start(environment(database), "migrate")) {
			migrate.awaitCondition(LIMIT, () -> database.isRunning("pg_sleep(60)"), "running V2");
			assertThat(migrate.terminate(Duration.ofSeconds(30))).isEqualTo(143);
			assertThat(migrate.stderr()).contains("batch: applying 2 migrations in one transaction",
					"stopping during a migration: cancelling it",
					"error: migration V2 slow failed: ERROR: canceling statement due to user request;"
							+ " the one transaction of this run was rolled back");
		}
		assertThat(database.hasTable("first_of_batch")).isFalse();
		assertThat(database.appliedVersions()).isEmpty();

		files().add("2", "slow", "SELECT pg_sleep(0.1);\n");
		try (LauncherProcess migrate = LauncherProcess.start(environment(database), "migrate")) {
			assertThat(migrate.waitForExit(LIMIT)).as(migrate.output()).isZero();
			assertThat(migrate.stdout()).startsWith("applied 2 migrations in one batch (schema empty -> 2)");
			assertThat(migrate.stderr()).doesNotContain("waiting for the migration lock");
		}
		assertThat(database.appliedVersions()).containsExactly("1", "2");
		FaultReport.observed("exit 143; no first_of_batch table, no history row; the next migrate applied both in one batch");
	}

	@Test
	void serveAppliesTheBatchBeforeItOpensItsPort() {
		files().add("1", "first", "CREATE TABLE served_first (id int);\n")
			.add("2", "second", "CREATE TABLE served_second (id int);\n");
		TestDatabase database = TestDatabase.create();
		Map<String, String> environment = environment(database);
		environment.put("RUN_MIGRATIONS", "true");
		try (LauncherProcess serve = LauncherProcess.start(environment, "serve")) {
			serve.awaitReady(LIMIT);
			assertThat(serve.stderr()).contains("applied 2 migrations in one batch (schema empty -> 2)");
			assertThat(database.appliedVersions()).containsExactly("1", "2");
			assertThat(serve.terminate(Duration.ofSeconds(30))).isZero();
		}
	}

}
