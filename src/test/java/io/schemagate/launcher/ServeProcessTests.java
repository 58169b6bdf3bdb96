package io.schemagate.launcher;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.support.LauncherProcess;
import io.schemagate.support.MigrationFiles;
import io.schemagate.support.TestDatabase;

/** {@code ./entrypoint serve} as a real process, against a real PostgreSQL. */
class ServeProcessTests {

	private static final Duration START = Duration.ofSeconds(90);

	@TempDir
	Path migrations;

	@Test
	void runMigrationsTrueKeepsThePortClosedUntilMigrationsAreApplied() {
		TestDatabase database = TestDatabase.create();
		MigrationFiles files = new MigrationFiles(this.migrations).add("4", "slow", "SELECT pg_sleep(4);");
		Map<String, String> environment = database.environment();
		environment.put("RUN_MIGRATIONS", "true");
		environment.put("SPRING_FLYWAY_LOCATIONS", files.locations());
		try (LauncherProcess serve = LauncherProcess.start(environment, "serve")) {
			serve.awaitCondition(START, () -> !database
				.queryColumn("SELECT pid FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(4)%'")
				.isEmpty(), "running the slow migration");
			assertThat(serve.portIsOpen()).as("port open while migrating").isFalse();
			serve.awaitReady(START);
			assertThat(database.appliedVersions()).containsExactly("1", "2", "3", "4");
			assertThat(serve.stderr()).contains("applying V4 slow (4/4)", "applied 4 migrations (schema empty -> 4)");
		}
	}

	@Test
	void runMigrationsUnsetLeavesTheSchemaUntouchedAndStillStarts() {
		TestDatabase database = TestDatabase.create();
		try (LauncherProcess serve = LauncherProcess.start(database.environment())) {
			serve.awaitCondition(START, () -> serve.get("/actuator/health/liveness") == 200, "live");
			// Started, but not ready: this build's migrations are pending (readiness follows the schema).
			assertThat(serve.get("/actuator/health/readiness")).isEqualTo(503);
			assertThat(database.hasTable("flyway_schema_history")).isFalse();
			assertThat(database.hasTable("expenses")).isFalse();
		}
	}

	@Test
	void runMigrationsFalseLeavesTheSchemaUntouched() {
		TestDatabase database = TestDatabase.create();
		Map<String, String> environment = database.environment();
		environment.put("RUN_MIGRATIONS", "FALSE");
		try (LauncherProcess serve = LauncherProcess.start(environment, "serve")) {
			serve.awaitCondition(START, () -> serve.get("/actuator/health/liveness") == 200, "live");
			assertThat(database.hasTable("flyway_schema_history")).isFalse();
		}
	}

	@Test
	void failingMigrationExits65AndNeverOpensThePort() {
		TestDatabase database = TestDatabase.create();
		MigrationFiles files = new MigrationFiles(this.migrations).add("4", "broken", "SELECT pg_sleep(1); SELEC 1;");
		Map<String, String> environment = database.environment();
		environment.put("RUN_MIGRATIONS", "true");
		environment.put("SPRING_FLYWAY_LOCATIONS", files.locations());
		AtomicBoolean portWasOpen = new AtomicBoolean();
		try (LauncherProcess serve = LauncherProcess.start(environment, "serve")) {
			while (serve.isAlive()) {
				portWasOpen.compareAndSet(false, serve.portIsOpen());
				LauncherProcess.sleep(Duration.ofMillis(50));
			}
			assertThat(serve.waitForExit(START)).isEqualTo(65);
			assertThat(portWasOpen).as("port opened").isFalse();
			assertThat(serve.stderr()).contains("error: migration V4 broken failed: ERROR: syntax error at or near \"SELEC\"")
				.doesNotContain("\tat ");
			assertThat(database.appliedVersions()).containsExactly("1", "2", "3");
		}
	}

	@Test
	void invalidRunMigrationsExits78() {
		TestDatabase database = TestDatabase.create();
		Map<String, String> environment = database.environment();
		environment.put("RUN_MIGRATIONS", "sometimes");
		try (LauncherProcess serve = LauncherProcess.start(environment)) {
			assertThat(serve.waitForExit(START)).isEqualTo(78);
			assertThat(serve.stderr()).isEqualTo("error: RUN_MIGRATIONS: 'sometimes' is not allowed; use true or false\n");
			assertThat(database.hasTable("flyway_schema_history")).isFalse();
		}
	}

	@Test
	void aPortInUseExits78NamingItsVariable() throws IOException {
		TestDatabase database = TestDatabase.create();
		try (ServerSocket taken = new ServerSocket(0)) {
			for (String variable : List.of("SERVER_PORT", "MANAGEMENT_SERVER_PORT")) {
				Map<String, String> environment = database.environment();
				environment.put(variable, Integer.toString(taken.getLocalPort()));
				try (LauncherProcess serve = LauncherProcess.start(environment, "serve")) {
					assertThat(serve.waitForExit(START)).as(serve.stderr()).isEqualTo(78);
					assertThat(serve.stderr()).as(variable)
						.contains("error: " + variable + ": port " + taken.getLocalPort()
								+ " is already in use; stop what listens there or choose another port\n")
						.doesNotContain("\tat ");
				}
			}
		}
	}

	@Test
	void serveExits69WhenTheDatabaseStaysUnreachableAnd77WhenItRefusesTheCredentials() throws Exception {
		TestDatabase database = TestDatabase.create();
		Map<String, String> unreachable = database.environment();
		unreachable.put("DATABASE_URL", "postgresql://app:secret@127.0.0.1:" + LauncherProcess.freePort() + "/app");
		unreachable.put("DB_WAIT_TIMEOUT", "1s");
		try (LauncherProcess serve = LauncherProcess.start(unreachable, "serve")) {
			assertThat(serve.waitForExit(START)).isEqualTo(69);
			assertThat(serve.stderr()).containsPattern("error: database app at 127.0.0.1:[0-9]+ as app still unreachable")
				.contains("still unreachable after");
			assertThat(serve.portIsOpen()).isFalse();
		}
		Map<String, String> refused = database.environment();
		refused.put("DATABASE_PASSWORD", "certainly-wrong");
		try (LauncherProcess serve = LauncherProcess.start(refused, "serve")) {
			assertThat(serve.waitForExit(START)).isEqualTo(77);
			assertThat(serve.stderr()).contains("refused the credentials").doesNotContain("certainly-wrong");
			assertThat(serve.portIsOpen()).isFalse();
		}
	}

}
