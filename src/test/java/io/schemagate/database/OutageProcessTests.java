package io.schemagate.database;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.support.FaultReport;
import io.schemagate.support.LauncherProcess;
import io.schemagate.support.StoppableServer;
import io.schemagate.support.TestPostgres;

/** Database outages, with real processes and a real server that stops and starts. */
@ExtendWith(FaultReport.class)
class OutageProcessTests {

	private static final Duration LIMIT = Duration.ofSeconds(90);

	@Test
	@FaultReport.Scenario(value = "database down at start, up 10 s later",
			expected = "serve and migrate wait (logging each attempt), then migrate exits 0 and serve turns ready")
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
				long up = System.nanoTime();
				assertThat(migrate.waitForExit(LIMIT)).as(migrate.output()).isZero();
				serve.awaitReady(LIMIT);
				FaultReport.observed("both waited 10 s; migrate exit 0 and serve ready "
						+ Duration.ofNanos(System.nanoTime() - up).toMillis() + " ms after the server came up");
				assertThat(migrate.stderr()).contains("waiting for database postgres at 127.0.0.1:" + server.port()
						+ " as postgres (attempt 1");
				assertThat(serve.stderr()).containsPattern("database postgres at .* is up after [0-9]+ attempts");
			}
		}
	}

	@Test
	@FaultReport.Scenario(value = "database restarted while serve runs",
			expected = "readiness 503 during the outage, liveness 200; ready again and writing after it, no restart")
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
				FaultReport.observed("server down: readiness 503, liveness 200");

				server.start();
				serve.awaitReady(Duration.ofSeconds(15));
				serve.awaitCondition(Duration.ofSeconds(30), () -> post(serve) == 201, "writing again");
				assertThat(serve.isAlive()).isTrue();
				assertThat(serve.stderr()).contains("schema check failed, not ready");
				FaultReport.observed("server back: ready and POST 201, same process");
			}
		}
	}

	@Test
	@FaultReport.Scenario(value = "API requests while the database is down",
			expected = "503 problem details saying the database is unavailable within 3 s (no stack trace, no secret); 201 once it is back")
	void apiAnswers503ProblemDetailsWhileTheDatabaseIsDown() {
		try (StoppableServer server = new StoppableServer()) {
			server.start();
			Map<String, String> environment = Map.of("DATABASE_URL", server.url(), "RUN_MIGRATIONS", "true");
			try (LauncherProcess serve = LauncherProcess.start(environment, "serve")) {
				serve.awaitReady(LIMIT);
				assertThat(post(serve)).isEqualTo(201);

				server.stop();
				StringBuilder took = new StringBuilder();
				for (HttpRequest.Builder request : List.of(expense(serve),
						HttpRequest.newBuilder(serve.uri("/api/expenses?limit=5")),
						HttpRequest.newBuilder(serve.uri("/api/expenses/1")))) {
					long start = System.nanoTime();
					HttpResponse<String> answer = serve.request(request);
					Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
					assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
					assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
					assertThat(answer.body()).contains("\"status\":503", "the database is unavailable")
						.doesNotContain("Exception", "\tat ", "jdbc:", "127.0.0.1", TestPostgres.ADMIN_PASSWORD);
					// Hikari's connection-timeout (3 s), and a margin for a busy machine.
					assertThat(elapsed).as("time to answer").isLessThan(Duration.ofSeconds(5));
					took.append((took.length() > 0) ? ", " : "").append(elapsed.toMillis()).append(" ms");
				}
				assertThat(serve.stderr()).contains("database unavailable, answered 503: ")
					.doesNotContain(TestPostgres.ADMIN_PASSWORD);
				FaultReport.observed("POST, list, GET by id: 503 application/problem+json in " + took);

				server.start();
				serve.awaitCondition(Duration.ofSeconds(30), () -> post(serve) == 201, "writing again");
				FaultReport.observed("database back: POST 201, same process");
			}
		}
	}

	private static HttpRequest.Builder expense(LauncherProcess serve) {
		return HttpRequest.newBuilder(serve.uri("/api/expenses"))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(
					"{\"description\":\"during outages\",\"amount\":1,\"currency\":\"EUR\",\"spent_on\":\"2026-01-01\"}"));
	}

	private static int post(LauncherProcess serve) {
		return serve.request(expense(serve)).statusCode();
	}

}
