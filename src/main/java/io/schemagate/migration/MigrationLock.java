package io.schemagate.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

	private static final Duration POLL = Duration.ofMillis(250);

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
			Duration waited = await(connection, key, "pg_try_advisory_lock", "another migrator", "the migration lock",
					maxWait);
			return new MigrationLock(connection, key, waited);
		}
		catch (SQLException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	/**
	 * Take advisory lock {@code key} on {@code connection} with {@code lockFunction}
	 * ({@code pg_try_advisory_lock}, or {@code pg_try_advisory_xact_lock} for one that
	 * ends with the transaction), polling at most {@code maxWait} and logging who holds it.
	 * @param holderKind who holds the lock while it is waited for, e.g. "another migrator"
	 * @param lockName the lock, for people
	 * @return how long it waited
	 * @throws MigrationLockTimeoutException when the wait runs out
	 */
	static Duration await(Connection connection, long key, String lockFunction, String holderKind, String lockName,
			Duration maxWait) throws SQLException {
		long start = System.nanoTime();
		long nextReport = 0;
		while (!tryLock(connection, key, lockFunction)) {
			Duration waiting = Duration.ofNanos(System.nanoTime() - start);
			String holder = holder(connection, key);
			if (waiting.compareTo(maxWait) >= 0) {
				throw new MigrationLockTimeoutException(holderKind + " (" + holder + ") held " + lockName
						+ " for longer than MIGRATION_LOCK_WAIT=" + format(maxWait)
						+ "; wait for it to finish, or stop it, then run migrate again", null);
			}
			if (waiting.toNanos() >= nextReport) {
				logger.info("waiting for {}, held by {} ({} s so far, at most {})", lockName, holder,
						waiting.toSeconds(), format(maxWait));
				nextReport = waiting.toNanos() + REPORT_EVERY.toNanos();
			}
			sleep();
		}
		Duration waited = Duration.ofNanos(System.nanoTime() - start);
		if (nextReport > 0) {
			logger.info("took {} after waiting {} ms", lockName, waited.toMillis());
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
		try (PreparedStatement statement = connection.prepareStatement("SELECT a.pid, a.application_name"
				+ " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory'"
				+ " AND l.granted AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.objsubid = 1")) {
			statement.setLong(1, key >>> 32);
			statement.setLong(2, key & 0xffffffffL);
			try (ResultSet result = statement.executeQuery()) {
				return result.next()
						? "pid " + result.getInt(1) + ", application_name '" + result.getString(2) + "'"
						: "a session that just released it";
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

	@Override
	public void close() throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
			statement.setLong(1, this.key);
			statement.execute();
		}
		finally {
			this.connection.close();
		}
	}

}
