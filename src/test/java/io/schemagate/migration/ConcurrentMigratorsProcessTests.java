package io.schemagate.migration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.support.FaultReport;
import io.schemagate.support.LauncherProcess;
import io.schemagate.support.MigrationFiles;
import io.schemagate.support.TestDatabase;

/**
 * Several real migrator processes started at the same moment on one empty database, with
 * a slow migration and a {@code CREATE INDEX CONCURRENTLY} among the pending ones: the
 * case where Flyway's default transactional lock hangs.
 */
@ExtendWith(FaultReport.class)
class ConcurrentMigratorsProcessTests {

	private static final Duration LIMIT = Duration.ofMinutes(3);

	@TempDir
	Path migrations;

	@Test
	@FaultReport.Scenario(value = "12 processes (6 migrate, 6 serve RUN_MIGRATIONS=true) at once on an empty database, with CREATE INDEX CONCURRENTLY",
			expected = "every migration applied exactly once, all exit 0 or turn ready, lock waits logged, index valid")
	void everyMigrationIsAppliedOnceAndEveryMigratorSucceeds() {
		TestDatabase database = TestDatabase.create();
		MigrationFiles files = new MigrationFiles(this.migrations).add("4", "slow", "SELECT pg_sleep(4);")
			.add("5", "index_concurrently", "CREATE INDEX CONCURRENTLY expenses_currency_idx ON expenses (currency);")
			.add("6", "notes", "ALTER TABLE expenses ADD COLUMN notes text;");
		Map<String, String> environment = database.environment();
		environment.put("SPRING_FLYWAY_LOCATIONS", files.locations());
		environment.put("RUN_MIGRATIONS", "true");
		List<LauncherProcess> migrators = new ArrayList<>();
		List<LauncherProcess> servers = new ArrayList<>();
		try {
			for (int i = 0; i < 6; i++) {
				migrators.add(LauncherProcess.start(environment, "migrate"));
				servers.add(LauncherProcess.start(environment, "serve"));
			}
			for (LauncherProcess migrator : migrators) {
				assertThat(migrator.waitForExit(LIMIT)).as(migrator.output()).isZero();
			}
			for (LauncherProcess server : servers) {
				server.awaitReady(LIMIT);
			}
			assertThat(database.historyRowsPerVersion()).containsOnly(Map.entry("1", 1), Map.entry("2", 1),
					Map.entry("3", 1), Map.entry("4", 1), Map.entry("5", 1), Map.entry("6", 1));
			assertThat(migrators.stream().map(LauncherProcess::stderr))
				.as("the wait for the lock is logged by those that waited")
				.anyMatch((log) -> log.matches("(?s).*waiting for the migration lock, held by pid [0-9]+, application_name 'schemagate-(migrate|serve)-migrator@.*"));
			assertThat(database.queryColumn(
					"SELECT indisvalid FROM pg_index WHERE indexrelid = 'expenses_currency_idx'::regclass"))
				.containsExactly("t");
			FaultReport.observed("6 migrate exit 0, 6 serve ready, one history row per version, "
					+ migrators.stream().filter((migrator) -> migrator.stderr().contains("waiting for the migration lock")).count()
					+ " migrate process(es) logged a lock wait, index valid");
		}
		finally {
			migrators.forEach(LauncherProcess::close);
			servers.forEach(LauncherProcess::close);
		}
	}

}
