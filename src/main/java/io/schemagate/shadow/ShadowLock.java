package io.schemagate.shadow;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

/**
 * A session-level advisory lock on the given shadow, so that two runs sharing one
 * SHADOW_DATABASE_URL do not empty and rebuild it under each other; held by the session
 * that took it until it closes (or the server ends it).
 */
final class ShadowLock {

	/** The lock's key: "shadow" in the bytes of a bigint. */
	static final long KEY = 0x7368_6164_6f77L;

	private ShadowLock() {
	}

	/** @throws ShadowBusyException when another session holds it for longer than {@code wait} */
	static void take(Connection connection, Duration wait) throws SQLException {
		Instant deadline = Instant.now().plus(wait);
		try (Statement statement = connection.createStatement()) {
			while (true) {
				try (ResultSet result = statement.executeQuery("SELECT pg_try_advisory_lock(" + KEY + ")")) {
					result.next();
					if (result.getBoolean(1)) {
						return;
					}
				}
				if (Instant.now().isAfter(deadline)) {
					throw new ShadowBusyException("another lint, undo or verify-undo is using SHADOW_DATABASE_URL and"
							+ " held it longer than MIGRATION_LOCK_WAIT (" + wait.toSeconds() + "s); run them one at a"
							+ " time, give each its own SHADOW_DATABASE_URL, or unset it to have lint make one per run");
				}
				try {
					Thread.sleep(200);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new ShadowBusyException("stopped while waiting for SHADOW_DATABASE_URL, which another lint,"
							+ " undo or verify-undo is using");
				}
			}
		}
	}

}
