package io.schemagate.health;

import java.nio.file.Path;
import java.time.Duration;
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

/** Readiness, info and metrics of {@code serve} as a real process, against a real PostgreSQL. */
@ExtendWith(FaultReport.class)
class ReadinessProcessTests {

	private static final Duration START = Duration.ofSeconds(90);

	@TempDir
	Path migrations;

	private static JsonNode getJson(LauncherProcess serve, String path) {
		return Json.read(serve.request(java.net.http.HttpRequest.newBuilder(serve.uri(path))).body());
	}

	@Test
	void readinessFollowsTheSchemaWithoutARestart() {
		TestDatabase database = TestDatabase.create();
		Map<String, String> environment = database.environment();
		environment.put("SCHEMA_CHECK_INTERVAL", "1s");
		try (LauncherProcess serve = LauncherProcess.start(environment, "serve")) {
			serve.awaitCondition(START, () -> serve.get("/actuator/health/liveness") == 200, "live");
			assertThat(serve.get("/actuator/health/readiness")).isEqualTo(503);
			JsonNode health = getJson(serve, "/actuator/health");
			JsonNode migrations = health.get("components").get("migrations");
			assertThat(migrations.get("status").asString()).isEqualTo("OUT_OF_SERVICE");
			assertThat(migrations.get("details").get("pendingCount").asInt()).isEqualTo(3);
			assertThat(migrations.get("details").get("pending").toString()).isEqualTo("[\"1\",\"2\",\"3\"]");
			assertThat(health.get("components").get("db").get("status").asString()).isEqualTo("UP");
			assertThat(database.hasTable("flyway_schema_history")).isFalse();
			assertThat(healthcheck(serve.managementPort())).isEqualTo("exit 1: not ready: HTTP 503");

			try (LauncherProcess migrate = LauncherProcess.start(database.environment(), "migrate")) {
				assertThat(migrate.waitForExit(START)).isZero();
			}
			long applied = System.nanoTime();
			serve.awaitReady(Duration.ofSeconds(3));
			assertThat(Duration.ofNanos(System.nanoTime() - applied)).isLessThan(Duration.ofSeconds(3));
			assertThat(serve.isAlive()).isTrue();
			assertThat(serve.stderr()).contains("this build needs [1, 2, 3]: not ready", "schema is at version 3: ready");
			assertThat(healthcheck(serve.managementPort())).isEqualTo("exit 0: ");
			assertThat(healthcheck(serve.port())).as("the API's port has no actuator")
				.isEqualTo("exit 1: not ready: HTTP 404");
			JsonNode info = getJson(serve, "/actuator/info");
			assertThat(info.get("schema").get("version").asString()).isEqualTo("3");
			assertThat(info.get("build").get("version").asString()).isNotBlank();
			assertThat(info.get("git").get("commit").get("id").asString()).isNotBlank();
		}
	}

	@Test
	void aDatabaseAheadOfTheBuildIsReady() {
		TestDatabase database = TestDatabase.create();
		Map<String, String> ahead = database.environment();
		ahead.put("SPRING_FLYWAY_LOCATIONS",
				new MigrationFiles(this.migrations).add("4", "newer", "CREATE TABLE newer (id int);").locations());
		try (LauncherProcess migrate = LauncherProcess.start(ahead, "migrate")) {
			assertThat(migrate.waitForExit(START)).isZero();
		}
		try (LauncherProcess serve = LauncherProcess.start(database.environment(), "serve")) {
			serve.awaitReady(START);
			JsonNode migrations = getJson(serve, "/actuator/health").get("components").get("migrations");
			assertThat(migrations.get("status").asString()).isEqualTo("UP");
			assertThat(migrations.get("details").get("currentVersion").asString()).isEqualTo("4");
			assertThat(migrations.get("details").get("appliedByNewerBuild").toString()).isEqualTo("[\"4\"]");
		}
	}

	@Test
	@FaultReport.Scenario(value = "serve with a file older than the newest applied version",
			expected = "readiness 503 with the reason; a newer build's out-of-order migration keeps it ready")
	void readinessIsDownWhileMigrateWouldRefuseButNotForANewerBuildsMigrations() throws Exception {
		TestDatabase database = TestDatabase.create();
		MigrationFiles files = new MigrationFiles(this.migrations).add("4", "four", "CREATE TABLE four (id int);");
		Map<String, String> environment = database.environment();
		environment.put("SPRING_FLYWAY_LOCATIONS", files.locations());
		try (LauncherProcess migrate = LauncherProcess.start(environment, "migrate")) {
			assertThat(migrate.waitForExit(START)).isZero();
		}
		files.add("3_5", "late", "CREATE TABLE late (id int);");
		try (LauncherProcess serve = LauncherProcess.start(environment, "serve")) {
			serve.awaitCondition(START, () -> serve.get("/actuator/health/liveness") == 200, "live");
			assertThat(serve.get("/actuator/health/readiness")).isEqualTo(503);
			JsonNode details = getJson(serve, "/actuator/health").get("components").get("migrations").get("details");
			assertThat(details.get("refused").get(0).asString())
				.startsWith("V3.5 late: it is older than the schema version but was never applied");
			assertThat(serve.stderr()).contains("migrate would refuse to run over this schema (V3.5 late");
		}
		FaultReport.observed("readiness 503, details.refused names V3.5 late");

		// The newer build applies it out of order; this build (without the file) serves on.
		environment.put("SPRING_FLYWAY_OUT_OF_ORDER", "true");
		try (LauncherProcess migrate = LauncherProcess.start(environment, "migrate")) {
			assertThat(migrate.waitForExit(START)).isZero();
		}
		java.nio.file.Files.delete(this.migrations.resolve("V3_5__late.sql"));
		environment.remove("SPRING_FLYWAY_OUT_OF_ORDER");
		try (LauncherProcess serve = LauncherProcess.start(environment, "serve")) {
			serve.awaitReady(START);
		}
		FaultReport.observed("a build without V3.5, after a newer build applied it: ready");
	}

	@Test
	void schemaCheckFailExits65WhenMigrationsArePending() {
		TestDatabase database = TestDatabase.create();
		Map<String, String> environment = database.environment();
		environment.put("SCHEMA_CHECK", "fail");
		try (LauncherProcess serve = LauncherProcess.start(environment, "serve")) {
			assertThat(serve.waitForExit(START)).isEqualTo(65);
			assertThat(serve.stderr()).contains("error: the schema is at version empty and this build needs [V1 create_expenses");
		}
	}

	@Test
	void schemaCheckOffIsReadyWhatever() {
		TestDatabase database = TestDatabase.create();
		Map<String, String> environment = database.environment();
		environment.put("SCHEMA_CHECK", "off");
		try (LauncherProcess serve = LauncherProcess.start(environment, "serve")) {
			serve.awaitReady(START);
			assertThat(database.hasTable("flyway_schema_history")).isFalse();
		}
	}

	@Test
	void healthChecksQueryNothingAndPrometheusShowsTheMigrationTimers() {
		TestDatabase database = TestDatabase.create();
		Map<String, String> environment = database.environment();
		environment.put("RUN_MIGRATIONS", "true");
		environment.put("SCHEMA_CHECK_INTERVAL", "1h");
		try (LauncherProcess serve = LauncherProcess.start(environment, "serve")) {
			serve.awaitReady(START);
			long before = transactions(database);
			for (int i = 0; i < 200; i++) {
				assertThat(serve.get("/actuator/health/readiness")).isEqualTo(200);
			}
			assertThat(transactions(database) - before).as("transactions for 200 readiness checks").isLessThan(10);

			String metrics = serve.request(java.net.http.HttpRequest.newBuilder(serve.uri("/actuator/prometheus")))
				.body();
			assertThat(metrics).contains("schemagate_migrations_applied_total 3.0")
				.containsPattern("schemagate_migration_duration_seconds_count\\{description=\"create expenses\",version=\"1\"\\} 1")
				.containsPattern("schemagate_migration_duration_seconds_count\\{description=\"index expenses by date\",version=\"3\"\\} 1")
				.contains("schemagate_migrations_pending 0.0")
				.contains("schemagate_database_wait_seconds_count 1")
				.contains("schemagate_migration_lock_wait_seconds_count 1");
		}
	}

	@Test
	void jsonLogsAreOneJsonDocumentPerLine() {
		TestDatabase database = TestDatabase.create();
		Map<String, String> environment = database.environment();
		environment.put("LOG_FORMAT", "json");
		try (LauncherProcess migrate = LauncherProcess.start(environment, "migrate")) {
			assertThat(migrate.waitForExit(START)).isZero();
			String[] lines = migrate.stderr().strip().split("\n");
			assertThat(lines).isNotEmpty();
			boolean sawMigration = false;
			for (String line : lines) {
				JsonNode entry = Json.read(line);
				assertThat(entry.has("@timestamp")).as(line).isTrue();
				sawMigration |= entry.get("message").asString().equals("applying V1 create_expenses (1/3)");
			}
			assertThat(sawMigration).isTrue();
			assertThat(migrate.stdout()).startsWith("applied 3 migrations");
		}
	}

	@Test
	void sigtermStopsServeGracefullyWithExitCode0() {
		TestDatabase database = TestDatabase.create();
		try (LauncherProcess serve = LauncherProcess.start(database.environment(), "serve")) {
			serve.awaitCondition(START, () -> serve.get("/actuator/health/liveness") == 200, "live");
			assertThat(serve.terminate(Duration.ofSeconds(30))).isZero();
			assertThat(serve.stderr()).contains("Graceful shutdown complete");
			assertThat(serve.portIsOpen()).isFalse();
		}
	}

	/** {@code ./entrypoint healthcheck} asking {@code port}: its exit code and what it printed. */
	private static String healthcheck(int port) {
		try (LauncherProcess healthcheck = LauncherProcess
			.start(Map.of("MANAGEMENT_SERVER_PORT", Integer.toString(port)), "healthcheck")) {
			int code = healthcheck.waitForExit(Duration.ofSeconds(10));
			return "exit " + code + ": " + healthcheck.output().strip();
		}
	}

	private static long transactions(TestDatabase database) {
		return Long.parseLong(database
			.queryColumn("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()")
			.get(0));
	}

}
