package io.schemagate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code ./entrypoint} run as a real process, as a container would run it: its own
 * environment, its output captured to files, its exit code and its HTTP ports: the API's
 * (SERVER_PORT) and the actuator's (MANAGEMENT_SERVER_PORT), each a free one.
 */
public final class LauncherProcess implements AutoCloseable {

	/** JVM flags that make test processes start faster on two cores. */
	private static final String TEST_JAVA_OPTS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k";

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Process process;

	private final Path stdout;

	private final Path stderr;

	private final int port;

	private final int managementPort;

	private LauncherProcess(Process process, Path stdout, Path stderr, int port, int managementPort) {
		this.process = process;
		this.stdout = stdout;
		this.stderr = stderr;
		this.port = port;
		this.managementPort = managementPort;
	}

	/**
	 * Start {@code ./entrypoint} with the given environment (plus PATH and JAVA_HOME) on
	 * free ports; a SERVER_PORT or MANAGEMENT_SERVER_PORT in {@code environment} wins.
	 */
	public static LauncherProcess start(Map<String, String> environment, String... args) {
		return start(List.of(), environment, args);
	}

	/**
	 * The same as a user without privileges ({@code nobody}), as a container's non-root
	 * user: root reads every file whatever its mode, so permission tests need this.
	 */
	public static LauncherProcess startUnprivileged(Map<String, String> environment, String... args) {
		boolean root = "root".equals(System.getProperty("user.name"));
		return start(root ? List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups") : List.of(),
				environment, args);
	}

	private static LauncherProcess start(List<String> prefix, Map<String, String> environment, String... args) {
		try {
			int port = freePort();
			int managementPort = freePort();
			while (managementPort == port) {
				managementPort = freePort();
			}
			List<String> command = new ArrayList<>(prefix);
			command.add("./entrypoint");
			command.addAll(List.of(args));
			ProcessBuilder builder = new ProcessBuilder(command);
			Map<String, String> env = builder.environment();
			Map<String, String> inherited = new HashMap<>(env);
			env.clear();
			for (String name : List.of("PATH", "JAVA_HOME", "HOME", "LANG")) {
				if (inherited.get(name) != null) {
					env.put(name, inherited.get(name));
				}
			}
			env.put("SERVER_PORT", Integer.toString(port));
			env.put("MANAGEMENT_SERVER_PORT", Integer.toString(managementPort));
			env.put("JAVA_OPTS", TEST_JAVA_OPTS);
			env.putAll(environment);
			port = portOr(env.get("SERVER_PORT"), port);
			managementPort = portOr(env.get("MANAGEMENT_SERVER_PORT"), managementPort);
			Path stdout = Files.createTempFile("launcher-", ".out");
			Path stderr = Files.createTempFile("launcher-", ".err");
			builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
			return new LauncherProcess(builder.start(), stdout, stderr, port, managementPort);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The port a variable names, or {@code otherwise} when it names none. */
	private static int portOr(String variable, int otherwise) {
		return (variable != null && variable.matches("[0-9]{1,5}")) ? Integer.parseInt(variable) : otherwise;
	}

	/** Run to the end and return the exit code. */
	public int waitForExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly();
				throw new AssertionError("still running after " + timeout + "; output:\n" + output());
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	public long pid() {
		return this.process.pid();
	}

	/** The API's port, SERVER_PORT. */
	public int port() {
		return this.port;
	}

	/** The actuator's port, MANAGEMENT_SERVER_PORT. */
	public int managementPort() {
		return this.managementPort;
	}

	public String stdout() {
		return read(this.stdout);
	}

	public String stderr() {
		return read(this.stderr);
	}

	/** Everything the process printed. */
	public String output() {
		return stdout() + stderr();
	}

	/** Whether anything accepts a TCP connection on either of the process's ports. */
	public boolean portIsOpen() {
		return accepts(this.port) || accepts(this.managementPort);
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** GET a path (an actuator path on the management port); the status code, or -1 when nothing answers. */
	public int get(String path) {
		return request(HttpRequest.newBuilder(uri(path)).GET()).statusCode();
	}

	public HttpResponse<String> request(HttpRequest.Builder request) {
		try {
			return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			return new FailedResponse(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/** A path of the process: {@code /actuator/...} on the management port, anything else on the API's. */
	public URI uri(String path) {
		return uri(path.startsWith("/actuator") ? this.managementPort : this.port, path);
	}

	/** A path on one of the process's ports, whatever the path. */
	public static URI uri(int port, String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	/** Wait until readiness answers 200, failing if the process exits first. */
	public void awaitReady(Duration timeout) {
		awaitCondition(timeout, () -> get("/actuator/health/readiness") == 200, "ready");
	}

	public void awaitCondition(Duration timeout, BooleanSupplier condition, String what) {
		await(timeout, () -> {
			if (condition.getAsBoolean()) {
				return true;
			}
			if (!this.process.isAlive()) {
				throw new AssertionError(
						"exited with " + this.process.exitValue() + " before " + what + "; output:\n" + output());
			}
			return false;
		}, () -> what + "; output:\n" + output());
	}

	/** Wait until {@code condition} holds, checking every 100 ms; fail after {@code timeout}. */
	public static void await(Duration timeout, BooleanSupplier condition, Supplier<String> what) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("not " + what.get() + " after " + timeout);
			}
			sleep(Duration.ofMillis(100));
		}
	}

	/** Send SIGTERM, without waiting. */
	public void sigterm() {
		this.process.destroy();
	}

	/** Send SIGTERM and wait for the exit code. */
	public int terminate(Duration timeout) {
		sigterm();
		return waitForExit(timeout);
	}

	/** A fresh database that this build's {@code migrate} brought to its newest version. */
	public static TestDatabase migratedDatabase() {
		TestDatabase database = TestDatabase.create();
		try (LauncherProcess migrate = start(database.environment(), "migrate")) {
			int code = migrate.waitForExit(Duration.ofSeconds(90));
			if (code != 0) {
				throw new AssertionError("migrate exited with " + code + "; output:\n" + migrate.output());
			}
		}
		return database;
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	public static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** What {@link #request} returns when nothing answered. */
	private record FailedResponse(IOException failure) implements HttpResponse<String> {

		@Override
		public int statusCode() {
			return -1;
		}

		@Override
		public HttpRequest request() {
			return null;
		}

		@Override
		public java.util.Optional<HttpResponse<String>> previousResponse() {
			return java.util.Optional.empty();
		}

		@Override
		public java.net.http.HttpHeaders headers() {
			return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true);
		}

		@Override
		public String body() {
			return this.failure.toString();
		}

		@Override
		public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
			return java.util.Optional.empty();
		}

		@Override
		public URI uri() {
			return null;
		}

		@Override
		public HttpClient.Version version() {
			return HttpClient.Version.HTTP_1_1;
		}

	}

}
