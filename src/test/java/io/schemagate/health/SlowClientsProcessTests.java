package io.schemagate.health;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.support.FaultReport;
import io.schemagate.support.LauncherProcess;
import io.schemagate.support.TestDatabase;

/**
 * A slowloris from loopback: connections that send a POST's headers, then its body a
 * byte every few seconds, hold every Tomcat thread of the API's port. The probes answer
 * on the management port, with threads of their own; a body that stops coming altogether
 * holds its thread only until server.tomcat.connection-timeout.
 */
@ExtendWith(FaultReport.class)
class SlowClientsProcessTests {

	private static final Duration START = Duration.ofSeconds(90);

	/** More than Tomcat's 200 threads: every one is held, and requests queue behind them. */
	private static final int CONNECTIONS = 300;

	/** server.tomcat.connection-timeout: a connection silent for this long is closed. */
	private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(10);

	/** Below CONNECTION_TIMEOUT, so that no trickling connection is closed for it. */
	private static final Duration TRICKLE = Duration.ofSeconds(2);

	private static final Duration PROBE_LIMIT = Duration.ofSeconds(1);

	private static final int ROUNDS = 8;

	@Test
	@FaultReport.Scenario(value = "300 slow-body connections hold every API thread",
			expected = "readiness, liveness and healthcheck answer 200 within 1 s while they stay open; a body silent for 10 s is ended; the API answers again once they close")
	void probesAnswerWithinASecondWhileSlowBodiesHoldEveryApiThread() throws Exception {
		TestDatabase database = TestDatabase.create();
		Map<String, String> environment = database.environment();
		environment.put("RUN_MIGRATIONS", "true");
		try (LauncherProcess serve = LauncherProcess.start(environment, "serve")) {
			serve.awaitReady(START);
			List<Socket> slow = new ArrayList<>();
			ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
			// First, so that it has a thread: a body that stops coming holds it only until the timeout.
			Socket silent = startSlowPost(serve.port());
			long silentSince = System.nanoTime();
			try {
				for (int i = 0; i < CONNECTIONS; i++) {
					slow.add(startSlowPost(serve.port()));
				}
				trickle.scheduleWithFixedDelay(() -> slow.forEach((socket) -> send(socket, " ")), TRICKLE.toMillis(),
						TRICKLE.toMillis(), TimeUnit.MILLISECONDS);
				LauncherProcess.sleep(Duration.ofSeconds(1));
				// The attack works: the API's own requests queue behind the held threads.
				assertThat(get(serve.port(), "/api/expenses?limit=1", Duration.ofSeconds(2)))
					.as("the API while every thread is held")
					.isEqualTo("no answer within 2000 ms");

				long slowest = 0;
				for (int round = 0; round < ROUNDS; round++) {
					for (String path : List.of("/actuator/health/readiness", "/actuator/health/liveness")) {
						long start = System.nanoTime();
						String status = get(serve.managementPort(), path, PROBE_LIMIT);
						long took = Duration.ofNanos(System.nanoTime() - start).toMillis();
						assertThat(status).as("%s in round %d, %d ms", path, round, took).startsWith("HTTP/1.1 200");
						assertThat(took).as(path).isLessThan(PROBE_LIMIT.toMillis());
						slowest = Math.max(slowest, took);
					}
					LauncherProcess.sleep(Duration.ofMillis(500));
				}
				long start = System.nanoTime();
				assertThat(healthcheck(serve.managementPort())).isZero();
				long healthcheck = Duration.ofNanos(System.nanoTime() - start).toMillis();
				assertThat(healthcheck).as("./entrypoint healthcheck").isLessThan(PROBE_LIMIT.toMillis());
				FaultReport.observed(CONNECTIONS + " slow POSTs open, the API's own GET unanswered after 2 s; "
						+ "readiness and liveness 200 in at most " + slowest + " ms over " + ROUNDS
						+ " rounds; healthcheck exit 0 in " + healthcheck + " ms");

				Duration silentFor = Duration.ofNanos(System.nanoTime() - silentSince);
				if (silentFor.compareTo(CONNECTION_TIMEOUT.plusSeconds(1)) < 0) {
					LauncherProcess.sleep(CONNECTION_TIMEOUT.plusSeconds(1).minus(silentFor));
				}
				String ended = statusLine(silent, Duration.ofSeconds(3));
				assertThat(ended).as("a POST whose body stopped %d s ago", CONNECTION_TIMEOUT.toSeconds())
					.doesNotStartWith("no answer");
				assertThat(get(serve.port(), "/api/expenses?limit=1", Duration.ofSeconds(1)))
					.as("the API, the trickling connections still holding every thread")
					.startsWith("no answer");
				FaultReport.observed("a body silent for " + CONNECTION_TIMEOUT.toSeconds() + " s: ended by the server ("
						+ ended + "), the trickling ones still held");
			}
			finally {
				trickle.shutdownNow();
				silent.close();
				for (Socket socket : slow) {
					socket.close();
				}
			}
			serve.awaitCondition(Duration.ofSeconds(15),
					() -> get(serve.port(), "/api/expenses?limit=1", PROBE_LIMIT).startsWith("HTTP/1.1 200"),
					"the API answering once the slow connections closed");
			FaultReport.observed("API 200 again once they closed");
		}
	}

	/** A POST whose headers promise a body it sends only its first byte of. */
	private static Socket startSlowPost(int port) throws IOException {
		Socket socket = new Socket("127.0.0.1", port);
		send(socket, "POST /api/expenses HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
				+ "Content-Length: 10000\r\n\r\n{");
		return socket;
	}

	private static void send(Socket socket, String text) {
		try {
			OutputStream out = socket.getOutputStream();
			out.write(text.getBytes(StandardCharsets.US_ASCII));
			out.flush();
		}
		catch (IOException ex) {
			// Closed by the server: the assertion on open connections tells.
		}
	}

	/** GET on a new connection, as a kubelet probes: the status line, or why there is none. */
	private static String get(int port, String path, Duration limit) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), (int) limit.toMillis());
			socket.getOutputStream()
				.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			return statusLine(socket, limit);
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	/** The first line the server sends, "closed without an answer", or "no answer within ...". */
	private static String statusLine(Socket socket, Duration limit) {
		try {
			socket.setSoTimeout((int) limit.toMillis());
			String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
			return (status != null) ? status : "closed without an answer";
		}
		catch (SocketTimeoutException ex) {
			return "no answer within " + limit.toMillis() + " ms";
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	private static int healthcheck(int port) {
		try (LauncherProcess healthcheck = LauncherProcess
			.start(Map.of("MANAGEMENT_SERVER_PORT", Integer.toString(port)), "healthcheck")) {
			return healthcheck.waitForExit(Duration.ofSeconds(10));
		}
	}

}
