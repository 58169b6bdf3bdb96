package io.schemagate.database;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.schemagate.support.LauncherProcess;
import io.schemagate.support.StoppableServer;

import static org.assertj.core.api.Assertions.assertThat;

/** Database outages, with real processes and a real server that stops and starts. */
class OutageProcessTests {

	private static final Duration LIMIT = Duration.ofSeconds(90);

	@Test
	void serveAndMigrateWaitForADatabaseThatStartsLate() {
		try (StoppableServer server = new StoppableServer()) {
			Map<String, String> environment = Map.of("DATABASE_URL", server.url(), "DB_WAIT_TIMEOUT", "60s");
			Map<String, String> serving = Map.of("DATABASE_URL", server.url(), "DB_WAIT_TIMEOUT", "60s",
					"RUN_MIGRATIONS", "true");
			try (LauncherProcess migrate = LauncherProcess.start(environment, "migrate");
					LauncherProcess serve = LauncherProcess.start(serving, "serve")) {
				LauncherProcess.sleep(Duration.ofSeconds(10));
				assertThat(migrate.isAlive()).isTrue();
				assertThat(serve.portIsOpen()).isFalse();
				server.start();
				assertThat(migrate.waitForExit(LIMIT)).as(migrate.output()).isZero();
				serve.awaitReady(LIMIT);
				assertThat(migrate.stderr()).contains("waiting for database postgres at jdbc:postgresql://127.0.0.1:"
						+ server.port() + "/postgres (attempt 1");
				assertThat(serve.stderr()).containsPattern("database postgres at .* is up after [0-9]+ attempts");
			}
		}
	}

	@Test
	void serveRecoversFromADatabaseRestartAndReadinessShowsTheOutage() {
		try (StoppableServer server = new StoppableServer()) {
			server.start();
			Map<String, String> environment = Map.of("DATABASE_URL", server.url(), "RUN_MIGRATIONS", "true",
					"SCHEMA_CHECK_INTERVAL", "500ms");
			try (LauncherProcess serve = LauncherProcess.start(environment, "serve")) {
				serve.awaitReady(LIMIT);
				assertThat(post(serve)).isEqualTo(201);

				server.stop();
				serve.awaitCondition(Duration.ofSeconds(10), () -> serve.get("/actuator/health/readiness") == 503,
						"not ready during the outage");
				assertThat(serve.get("/actuator/health/liveness")).isEqualTo(200);

				server.start();
				serve.awaitReady(Duration.ofSeconds(15));
				serve.awaitCondition(Duration.ofSeconds(30), () -> post(serve) == 201, "writing again");
				assertThat(serve.isAlive()).isTrue();
				assertThat(serve.stderr()).contains("schema check failed, not ready");
			}
		}
	}

	private static int post(LauncherProcess serve) {
		return serve.request(HttpRequest.newBuilder(serve.uri("/api/expenses"))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(
					"{\"description\":\"during outages\",\"amount\":1,\"currency\":\"EUR\",\"spent_on\":\"2026-01-01\"}")))
			.statusCode();
	}

}
