package io.schemagate.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.support.FaultReport;
import io.schemagate.support.LauncherProcess;
import io.schemagate.support.TestDatabase;

/** What a rolling deploy does to a replica: SIGTERM while a request is being served. */
@ExtendWith(FaultReport.class)
class GracefulShutdownProcessTests {

	private static final Duration START = Duration.ofSeconds(90);

	private static final String BODY = "{\"description\":\"in flight\",\"amount\":3.20,\"currency\":\"EUR\","
			+ "\"spent_on\":\"2026-11-23\"}";

	@Test
	@FaultReport.Scenario(value = "SIGTERM while a request is in flight",
			expected = "the request completes (201, row stored), then exit 0")
	void sigtermLetsARequestInFlightFinishThenExits0() throws IOException {
		TestDatabase database = TestDatabase.create();
		Map<String, String> environment = database.environment();
		environment.put("RUN_MIGRATIONS", "true");
		try (LauncherProcess serve = LauncherProcess.start(environment, "serve")) {
			serve.awaitReady(START);
			try (Socket client = new Socket("127.0.0.1", serve.port())) {
				client.setSoTimeout(30_000);
				OutputStream out = client.getOutputStream();
				byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
				int half = body.length / 2;
				// The headers and half the body: the request is in the application, reading.
				out.write(("POST /api/expenses HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
						+ "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				out.write(body, 0, half);
				out.flush();
				LauncherProcess.sleep(Duration.ofSeconds(1));

				serve.sigterm();
				serve.awaitCondition(Duration.ofSeconds(20),
						() -> serve.stderr().contains("Waiting for active requests to complete"), "draining");
				LauncherProcess.sleep(Duration.ofSeconds(1));
				assertThat(serve.isAlive()).as("still serving the request in flight").isTrue();

				out.write(body, half, body.length - half);
				out.flush();
				String status = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII))
					.readLine();
				assertThat(status).startsWith("HTTP/1.1 201");
				FaultReport.observed(status.strip());
			}
			assertThat(serve.waitForExit(Duration.ofSeconds(30))).isZero();
			assertThat(serve.stderr()).contains("Graceful shutdown complete");
			assertThat(database.queryColumn("SELECT description FROM expenses")).containsExactly("in flight");
			FaultReport.observed("row stored, exit 0");
		}
	}

}
