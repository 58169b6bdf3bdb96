package io.schemagate.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.BiFunction;

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
final class MigrationLock implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(MigrationLock.class);

	/** "SG" in the high half keeps our keys apart from Flyway's ("Flyway" + hash). */
	private static final long KEY_PREFIX = 0x5347L << 32;

	/** "SR": the key held by the session that runs the migrations ({@link RunningMigrationLock}). */
	private static final long RUNNING_KEY_PREFIX = 0x5352L << 32;

	private static final Duration POLL = Duration.ofMillis(250);

	/** The wait for a session of an earlier migrator whose process is gone but whose statement runs on. */
	private static final Wait EARLIER_STATEMENT = new Wait("the session of an earlier migrator to end",
			(holder, limit) -> "the session of an earlier migrator (" + holder + ") was still running a migration"
					+ " after MIGRATION_LOCK_WAIT=" + limit + "; its process is likely gone (PostgreSQL ends the"
					+ " statement once it notices, or stop it with pg_cancel_backend), then run migrate again:"
					+ " an interrupted CREATE INDEX CONCURRENTLY is rebuilt by the next migrate");

	private static final Duration REPORT_EVERY = Duration.ofSeconds(30);

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
	static MigrationLock acquire(DataSource dataSource, String scope, Duration maxWait) throws SQLException {
		long key = KEY_PREFIX | (scope.hashCode() & 0xffffffffL);
		Connection connection = dataSource.getConnection();
		try {
			connection.setAutoCommit(true);
			long start = System.nanoTime();
			await(connection, key, "pg_try_advisory_lock", "another migrator", "the migration lock", maxWait);
			// Our lock's session can end before the one that ran an earlier migrator's statement
			// (kill -9 closes both, but a busy backend notices later): wait for that one too.
			Duration left = maxWait.minus(Duration.ofNanos(System.nanoTime() - start));
			long running = runningKey(scope);
			await(connection, running, "pg_try_advisory_lock", EARLIER_STATEMENT, left.isNegative() ? Duration.ZERO : left,
					maxWait);
			unlock(connection, running);
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
	static String scopeOf(Configuration configuration) {
		String[] schemas = configuration.getSchemas();
		String schema = (configuration.getDefaultSchema() != null) ? configuration.getDefaultSchema()
				: (schemas.length > 0) ? schemas[0] : "";
		return schema + "." + configuration.getTable();
	}

	static void unlock(Connection connection, long key) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
			statement.setLong(1, key);
			statement.execute();
		}
	}

	/**
	 * What a wait for a lock says: in the log while it waits, and when it gives up.
	 *
	 * @param lockName the lock, for people: "the migration lock"
	 * @param timeout the error at MIGRATION_LOCK_WAIT, given who holds the lock and the limit
	 */
	record Wait(String lockName, BiFunction<String, String, String> timeout) {

		/** A lock another migrator holds while it works. */
		static Wait heldBy(String holderKind, String lockName) {
			return new Wait(lockName, (holder, limit) -> holderKind + " (" + holder + ") held " + lockName
					+ " for longer than MIGRATION_LOCK_WAIT=" + limit + "; wait for it to finish, or stop it, then run"
					+ " migrate again");
		}

	}

	static Duration await(Connection connection, long key, String lockFunction, String holderKind, String lockName,
			Duration maxWait) throws SQLException {
		return await(connection, key, lockFunction, Wait.heldBy(holderKind, lockName), maxWait);
	}

	/**
	 * Take advisory lock {@code key} on {@code connection} with {@code lockFunction}
	 * ({@code pg_try_advisory_lock}, or {@code pg_try_advisory_xact_lock} for one that
	 * ends with the transaction), polling at most {@code maxWait} and logging who holds it.
	 * @return how long it waited
	 * @throws MigrationLockTimeoutException when the wait runs out
	 */
	static Duration await(Connection connection, long key, String lockFunction, Wait wait, Duration maxWait)
			throws SQLException {
		return await(connection, key, lockFunction, wait, maxWait, maxWait);
	}

	/** The same with the wait's deadline {@code maxWait} from now and {@code limit} the setting it comes from. */
	private static Duration await(Connection connection, long key, String lockFunction, Wait wait, Duration maxWait,
			Duration limit) throws SQLException {
		long start = System.nanoTime();
		long nextReport = 0;
		MigrationPhase.Phase before = MigrationPhase.waiting(wait.lockName());
		try {
			while (!tryLock(connection, key, lockFunction)) {
				Duration waiting = Duration.ofNanos(System.nanoTime() - start);
				String holder = holder(connection, key);
				if (waiting.compareTo(maxWait) >= 0) {
					throw new MigrationLockTimeoutException(wait.timeout().apply(holder, format(limit)), null);
				}
				if (waiting.toNanos() >= nextReport) {
					logger.info("waiting for {}, held by {} ({} s so far, at most {})", wait.lockName(), holder,
							waiting.toSeconds(), format(limit));
					nextReport = waiting.toNanos() + REPORT_EVERY.toNanos();
				}
				sleep();
			}
		}
		finally {
			MigrationPhase.waited(before);
		}
		Duration waited = Duration.ofNanos(System.nanoTime() - start);
		if (nextReport > 0) {
			logger.info("took {} after waiting {} ms", wait.lockName(), waited.toMillis());
		}
		return waited;
	}

	Duration waited() {
		return this.waited;
	}

	/** The lock's own connection, in autocommit and otherwise idle: fit for reading, not for a transaction. */
	Connection connection() {
		return this.connection;
	}

	private static boolean tryLock(Connection connection, long key, String lockFunction) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT " + lockFunction + "(?)")) {
			statement.setLong(1, key);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}

	/** Who holds the lock, as operators find it in pg_stat_activity. */
	private static String holder(Connection connection, long key) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT a.pid, a.application_name, a.state,"
				+ " regexp_replace(left(a.query, 60), '\\s+', ' ', 'g')"
				+ " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory'"
				+ " AND l.granted AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.objsubid = 1")) {
			statement.setLong(1, key >>> 32);
			statement.setLong(2, key & 0xffffffffL);
			try (ResultSet result = statement.executeQuery()) {
				if (!result.next()) {
					return "a session that just released it";
				}
				String running = "active".equals(result.getString(3)) ? ", running '" + result.getString(4) + "'" : "";
				return "pid " + result.getInt(1) + ", application_name '" + result.getString(2) + "'" + running;
			}
		}
	}

	private static String format(Duration duration) {
		return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
	}

	private static void sleep() {
		try {
			Thread.sleep(POLL.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MigrationLockTimeoutException("interrupted while waiting for the migration lock", ex);
		}
	}

	/**
	 * Release the lock after a run that succeeded. Losing the lock's session during a run
	 * (terminated, the network) does not undo what the run applied, nor let a second migrator
	 * in while it went on: Flyway's own lock and {@link RunningMigrationLock} were held by
	 * its other sessions. So it is a warning, never a failure.
	 */
	void release() {
		try {
			unlock(this.connection, this.key);
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
