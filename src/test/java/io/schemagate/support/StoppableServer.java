package io.schemagate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server of one test's own, on a fixed port, that the test stops and starts
 * to play outages: late at start, restarted while the app runs. Always an embedded
 * server (Maven Central's binaries), even where Docker exists: a container keeps neither
 * its port nor its data across a stop as simply. Its data survives restarts.
 */
public final class StoppableServer implements AutoCloseable {

	private final int port;

	private final Path dataDirectory;

	private EmbeddedPostgres postgres;

	private boolean initialized;

	public StoppableServer() {
		try {
			this.port = LauncherProcess.freePort();
			this.dataDirectory = Files.createTempDirectory("stoppable-pg-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.port;
	}

	/** DATABASE_URL of the server's {@code postgres} database, with its password. */
	public String url() {
		return "postgresql://" + TestPostgres.ADMIN_USER + ":" + TestPostgres.ADMIN_PASSWORD + "@127.0.0.1:"
				+ this.port + "/postgres";
	}

	public synchronized void start() {
		try {
			this.postgres = EmbeddedPostgres.builder()
				.setPort(this.port)
				.setDataDirectory(this.dataDirectory)
				.setCleanDataDirectory(false)
				.setServerConfig("listen_addresses", "127.0.0.1")
				// Its readiness check connects over TCP: with the password once one is required.
				.setConnectConfig("password", TestPostgres.ADMIN_PASSWORD)
				.start();
			if (!this.initialized) {
				requirePasswords();
				this.initialized = true;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void requirePasswords() throws IOException {
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("ALTER ROLE " + TestPostgres.ADMIN_USER + " PASSWORD '" + TestPostgres.ADMIN_PASSWORD + "'");
			Files.writeString(this.dataDirectory.resolve("pg_hba.conf"), """
					local all all trust
					host all all 127.0.0.1/32 scram-sha-256
					""");
			statement.execute("SELECT pg_reload_conf()");
		}
		catch (java.sql.SQLException ex) {
			throw new IOException(ex);
		}
	}

	public synchronized void stop() {
		if (this.postgres != null) {
			try {
				this.postgres.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.postgres = null;
		}
	}

	@Override
	public void close() {
		stop();
	}

}
