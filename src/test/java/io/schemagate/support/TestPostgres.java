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
 */
public final class TestPostgres {

	/** A password tests can look for in output: it must never appear there. */
	public static final String ADMIN_PASSWORD = "Pw-Marker-7f3a9";

	public static final String ADMIN_USER = "postgres";

	private static Server server;

	private TestPostgres() {
	}

	/** The server, started on first use and stopped when the JVM exits. */
	public static synchronized Server server() {
		if (server == null) {
			server = dockerAvailable() ? startContainer() : startEmbedded();
		}
		return server;
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
		PostgreSQLContainer container = new PostgreSQLContainer("postgres:15").withUsername(ADMIN_USER)
			.withPassword(ADMIN_PASSWORD)
			.withDatabaseName("postgres");
		container.start();
		Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
		return new Server(container.getHost(), container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT));
	}

	private static Server startEmbedded() {
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setServerConfig("max_connections", "300")
				.setServerConfig("listen_addresses", "127.0.0.1")
				.start();
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
