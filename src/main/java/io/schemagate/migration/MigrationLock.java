package io.schemagate.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.flywaydb.core.api.configuration.Configuration;
import org.slf4j.LoggerFactory;

import io.schemagate.database.SqlErrors;

/**
 * A session-level advisory lock our migrators take around Flyway's run, on a connection
 * of its own that holds no transaction, so it can never be what a
 * {@code CREATE INDEX CONCURRENTLY} waits for.
 * <p>
 * Written by hand because Flyway's own lock (which stays in force underneath) waits
 * silently and, when it gives up, cannot say who held it: this one logs the wait with
 * the holder's pid and application_name, measures it, and bounds it. A crashed holder's
 * lock goes with its connection.
 */
public final class MigrationLock implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(MigrationLock.class);

	/** "SG" in the high half keeps our keys apart from Flyway's ("Flyway" + hash). */
	private static final long KEY_PREFIX = 0x5347L << 32;

	/** "SR": the key held by the session that runs the migrations ({@link RunningMigrationLock}). */
	private static final long RUNNING_KEY_PREFIX = 0x5352L << 32;


	/** The wait for a session of an earlier migrator whose process is gone but whose statement runs on. */
	private static final AdvisoryLocks.Wait EARLIER_STATEMENT = new AdvisoryLocks.Wait("the session of an earlier migrator to end",
			(holder, limit) -> "the session of an earlier migrator (" + holder + ") was still running a migration"
					+ " after MIGRATION_LOCK_WAIT=" + limit + "; its process is likely gone (PostgreSQL ends the"
					+ " statement once it notices, or stop it with pg_cancel_backend), then run migrate again:"
					+ " an interrupted CREATE INDEX CONCURRENTLY is rebuilt by the next migrate");


	private final Connection connection;

	private final long key;

	private final Duration waited;

	private MigrationLock(Connection connection, long key, Duration waited) {
		this.connection = connection;
		this.key = key;
		this.waited = waited;
	}

	/**
	 * Take the lock, waiting at most {@code maxWait} for its holder.
	 * @param dataSource where to connect
	 * @param scope what the lock protects, e.g. the history table's qualified name
	 * @param maxWait how long to wait
	 * @return the lock, to close when done
	 * @throws MigrationLockTimeoutException when the wait runs out
	 */
	public static MigrationLock acquire(DataSource dataSource, String scope, Duration maxWait) throws SQLException {
		long key = KEY_PREFIX | (scope.hashCode() & 0xffffffffL);
		Connection connection = dataSource.getConnection();
		try {
			connection.setAutoCommit(true);
			long start = System.nanoTime();
			AdvisoryLocks.await(connection, key, "pg_try_advisory_lock",
					AdvisoryLocks.Wait.heldBy("another migrator", "the migration lock"), maxWait, maxWait);
			// Our lock's session can end before the one that ran an earlier migrator's statement
			// (kill -9 closes both, but a busy backend notices later): wait for that one too.
			Duration left = maxWait.minus(Duration.ofNanos(System.nanoTime() - start));
			long running = runningKey(scope);
			AdvisoryLocks.await(connection, running, "pg_try_advisory_lock", EARLIER_STATEMENT,
					left.isNegative() ? Duration.ZERO : left, maxWait);
			AdvisoryLocks.unlock(connection, running);
			return new MigrationLock(connection, key, Duration.ofNanos(System.nanoTime() - start));
		}
		catch (SQLException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	/** The key of {@link RunningMigrationLock} for {@code scope}. */
	static long runningKey(String scope) {
		return RUNNING_KEY_PREFIX | (scope.hashCode() & 0xffffffffL);
	}

	/** What a lock protects: the history table, schema-qualified. */
	public static String scopeOf(Configuration configuration) {
		String[] schemas = configuration.getSchemas();
		String schema = (configuration.getDefaultSchema() != null) ? configuration.getDefaultSchema()
				: (schemas.length > 0) ? schemas[0] : "";
		String table = configuration.getTable();
		if (table.endsWith(HistorySchema.POST_DEPLOY_SUFFIX)) {
			table = table.substring(0, table.length() - HistorySchema.POST_DEPLOY_SUFFIX.length());
		}
		return schema + "." + table;
	}


	public Duration waited() {
		return this.waited;
	}

	/** The lock's own connection, in autocommit and otherwise idle: fit for reading, not for a transaction. */
	Connection connection() {
		return this.connection;
	}

	/**
	 * Release the lock after a run that succeeded. Losing the lock's session during a run
	 * (terminated, the network) does not undo what the run applied, nor let a second migrator
	 * in while it went on: Flyway's own lock and {@link RunningMigrationLock} were held by
	 * its other sessions. So it is a warning, never a failure.
	 */
	public void release() {
		try {
			AdvisoryLocks.unlock(this.connection, this.key);
		}
		catch (SQLException ex) {
			logger.warn("the migration lock's session was gone when the run ended ({}); the run went on under the"
					+ " locks of the sessions that applied it, so no other migrator ran at the same time",
					SqlErrors.firstLine(ex.getMessage()));
		}
		finally {
			close();
		}
	}

	/** Close the lock's session, which releases the lock; after a failure, whatever the session's state. */
	@Override
	public void close() {
		try {
			this.connection.close();
		}
		catch (SQLException ex) {
			logger.debug("closing the migration lock's session", ex);
		}
	}

}
