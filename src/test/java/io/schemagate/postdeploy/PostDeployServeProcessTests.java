package io.schemagate.postdeploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.support.LauncherProcess;
import io.schemagate.support.LauncherRun;
import io.schemagate.support.MigrationFiles;
import io.schemagate.support.TestDatabase;

/** {@code serve} and post-deploy migrations, as a real process against a real PostgreSQL. */
class PostDeployServeProcessTests {

	private static final Duration START = Duration.ofSeconds(90);

	@TempDir
	Path folder;

	private Map<String, String> environment(TestDatabase database) throws IOException {
		MigrationFiles regular = new MigrationFiles(Files.createDirectory(this.folder.resolve("regular")))
			.add("4", "add_note", "ALTER TABLE expenses ADD COLUMN note text;");
		MigrationFiles postDeploy = new MigrationFiles(Files.createDirectory(this.folder.resolve("post")))
			.add("5", "drop_note", "ALTER TABLE expenses DROP COLUMN note;");
		Map<String, String> environment = regular.environment(database);
		environment.put("POST_MIGRATION_LOCATIONS", postDeploy.alone());
		return environment;
	}

	@Test
	void runMigrationsTrueAppliesBothSetsRegularFirstBeforeThePortOpens() throws IOException {
		TestDatabase database = TestDatabase.create();
		Map<String, String> environment = environment(database);
		environment.put("RUN_MIGRATIONS", "true");
		try (LauncherProcess serve = LauncherProcess.start(environment, "serve")) {
			serve.awaitReady(START);
			assertThat(database.appliedVersions()).containsExactly("1", "2", "3", "4");
			assertThat(database.queryColumn("SELECT version FROM flyway_schema_history_post WHERE type = 'SQL'"))
				.containsExactly("5");
			String log = serve.stderr();
			assertThat(log.indexOf("migrate: applied 4 migrations")).isNotNegative()
				.isLessThan(log.indexOf("migrate --post: applied 1 migration"));
		}
	}

	@Test
	void readinessWaitsForTheRegularSetOnly() throws IOException {
		TestDatabase database = TestDatabase.create();
		Map<String, String> environment = environment(database);
		assertThat(LauncherRun.of(environment, "migrate").code()).isZero();
		try (LauncherProcess serve = LauncherProcess.start(environment, "serve")) {
			// The post-deploy V5 is pending, by design, while the release serves.
			serve.awaitReady(START);
			assertThat(serve.get("/actuator/health/readiness")).isEqualTo(200);
			assertThat(serve.get("/api/expenses")).isEqualTo(200);
			assertThat(database.hasTable("flyway_schema_history_post")).isFalse();
		}
	}

}
