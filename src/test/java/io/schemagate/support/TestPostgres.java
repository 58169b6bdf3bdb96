package io.schemagate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one real PostgreSQL server of a test JVM: Testcontainers' where a Docker engine
 * answers, otherwise an embedded server from Maven Central's binaries. Tests do not care
 * which: both require a password over TCP, as production servers do.
 * <p>
 * The major version is the compose files' (15), unless the build's second test run asks
 * for another with {@code schemagate.test.postgres.major} and, for the embedded server,
 * {@code schemagate.test.postgres.binaries} (a jar of zonky's binaries of that major,
 * which the pom copies): what PostgreSQL does with a migration differs between majors.
 */
public final class TestPostgres {

	/** A password tests can look for in output: it must never appear there. */
	public static final String ADMIN_PASSWORD = "Pw-Marker-7f3a9";

	public static final String ADMIN_USER = "postgres";

	/** The major version asked for; the compose files' by default. */
	public static final String MAJOR = System.getProperty("schemagate.test.postgres.major", "15");

	private static final String BINARIES = System.getProperty("schemagate.test.postgres.binaries");

	private static Server server;

	private TestPostgres() {
	}

	/** The server, started on first use and stopped when the JVM exits. */
	public static synchronized Server server() {
		if (server == null) {
			server = dockerAvailable() ? startContainer() : startEmbedded((BINARIES != null) ? Path.of(BINARIES) : null, MAJOR);
		}
		return server;
	}

	/**
	 * A second embedded server of another major than {@link #server()}'s: PostgreSQL 18
	 * from the jar the pom copies to target/postgres-18 (before any test runs) when the
	 * run is on 15, the 15 on the classpath otherwise. Started per call; stopped when the
	 * JVM exits.
	 */
	public static Server otherMajor() {
		Path eighteen = Path.of("target/postgres-18/binaries.jar");
		if (MAJOR.equals("15") && !Files.exists(eighteen)) {
			throw new IllegalStateException(eighteen.toAbsolutePath() + " is missing: run the tests with Maven");
		}
		return startEmbedded(MAJOR.equals("15") ? eighteen : null, null);
	}

	/** Where a server listens. */
	public record Server(String host, int port) {

	}

	private static boolean dockerAvailable() {
		// Asking Testcontainers logs an error where no engine is configured at all.
		if (System.getenv("DOCKER_HOST") == null && !Files.exists(Path.of("/var/run/docker.sock"))) {
			return false;
		}
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static Server startContainer() {
		PostgreSQLContainer container = new PostgreSQLContainer("postgres:" + MAJOR).withUsername(ADMIN_USER)
			.withPassword(ADMIN_PASSWORD)
			.withDatabaseName("postgres");
		container.start();
		Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
		return new Server(container.getHost(), container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT));
	}

	/** An embedded server from {@code jar}'s binaries (the classpath's when null), checked to be {@code major} when given. */
	private static Server startEmbedded(Path jar, String major) {
		try {
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setServerConfig("max_connections", "300")
				.setServerConfig("listen_addresses", "127.0.0.1");
			if (jar != null) {
				builder.setPgBinaryResolver((system, hardware) -> binaries(jar, system, hardware));
			}
			EmbeddedPostgres postgres = builder.start();
			if (major != null) {
				requireMajor(postgres);
			}
			requirePasswords(postgres);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					postgres.close();
				}
				catch (IOException ex) {
					// The JVM is exiting; the server's directory is temporary.
				}
			}));
			return new Server("127.0.0.1", postgres.getPort());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The server archive for {@code system} and {@code hardware} in a jar of zonky's binaries. */
	private static java.io.InputStream binaries(Path jar, String system, String hardware) throws IOException {
		java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile());
		// As zonky's own resolver names it: postgres-linux-x86_64.txz.
		String name = "postgres-" + system.toLowerCase(java.util.Locale.ROOT) + "-" + hardware + ".txz";
		java.util.jar.JarEntry entry = file.getJarEntry(name);
		if (entry == null) {
			file.close();
			throw new IOException(jar + " holds no " + name);
		}
		return new java.io.FilterInputStream(file.getInputStream(entry)) {

			@Override
			public void close() throws IOException {
				super.close();
				file.close();
			}

		};
	}

	/** Fail at once when the server is not the major asked for: every test would mean another thing. */
	private static void requireMajor(EmbeddedPostgres postgres) throws IOException {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			String version = query(statement, "SHOW server_version");
			if (!version.startsWith(MAJOR + ".")) {
				throw new IOException("the embedded PostgreSQL is " + version + ", not " + MAJOR
						+ " (schemagate.test.postgres.major)");
			}
		}
		catch (java.sql.SQLException ex) {
			throw new IOException(ex);
		}
	}

	/**
	 * An embedded server trusts every local connection; set a password and require it
	 * over TCP, so that a wrong password is refused as a real server would refuse it.
	 */
	private static void requirePasswords(EmbeddedPostgres postgres) throws IOException {
		DataSource admin = postgres.getPostgresDatabase();
		try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("ALTER ROLE " + ADMIN_USER + " PASSWORD '" + ADMIN_PASSWORD + "'");
			String hbaFile = query(statement, "SHOW hba_file");
			Files.writeString(Path.of(hbaFile), """
					local all all trust
					host all all 127.0.0.1/32 scram-sha-256
					host all all ::1/128 scram-sha-256
					""");
			statement.execute("SELECT pg_reload_conf()");
		}
		catch (java.sql.SQLException ex) {
			throw new IOException(ex);
		}
	}

	private static String query(Statement statement, String sql) throws java.sql.SQLException {
		try (var result = statement.executeQuery(sql)) {
			result.next();
			return result.getString(1);
		}
	}

}
