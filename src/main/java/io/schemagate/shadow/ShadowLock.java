package io.schemagate.shadow;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import io.schemagate.migration.AdvisoryLocks;

/**
 * A session-level advisory lock on the given shadow, so that two runs sharing one
 * SHADOW_DATABASE_URL do not empty and rebuild it under each other; held by the session
 * that took it until it closes (or the server ends it). Waited for as the migration lock
 * is: polled, logged with who holds it, given up at MIGRATION_LOCK_WAIT (exit 75).
 */
final class ShadowLock {

	/** The lock's key: "shadow" in the bytes of a bigint. */
	static final long KEY = 0x7368_6164_6f77L;

	private static final AdvisoryLocks.Wait WAIT = new AdvisoryLocks.Wait("the lock of SHADOW_DATABASE_URL",
			(holder, limit) -> "another lint, undo or verify-undo is using SHADOW_DATABASE_URL (" + holder + ") and held"
					+ " it longer than MIGRATION_LOCK_WAIT=" + limit + "; run them one at a time, give each its own"
					+ " SHADOW_DATABASE_URL, or unset it to have lint make one per run");

	private ShadowLock() {
	}

	/**
	 * @throws io.schemagate.migration.MigrationLockTimeoutException when another session
	 * holds it for longer than {@code wait}
	 */
	static void take(Connection connection, Duration wait) throws SQLException {
		AdvisoryLocks.await(connection, KEY, "pg_try_advisory_lock", WAIT, wait, wait);
	}

}
