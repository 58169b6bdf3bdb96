package io.schemagate.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.BiFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waiting for a PostgreSQL advisory lock as an operator would want to watch it: polled,
 * logged every half minute with who holds it (pid, application_name, what it runs),
 * bounded, and named when it gives up. Flyway's own lock waits in silence.
 */
public final class AdvisoryLocks {

	private static final Logger logger = LoggerFactory.getLogger(AdvisoryLocks.class);

	private static final Duration POLL = Duration.ofMillis(250);

	private static final Duration REPORT_EVERY = Duration.ofSeconds(30);

	private AdvisoryLocks() {
	}

	/**
	 * What a wait for a lock says: in the log while it waits, and when it gives up.
	 *
	 * @param lockName the lock, for people: "the migration lock"
	 * @param timeout the error at MIGRATION_LOCK_WAIT, given who holds the lock and the limit
	 */
	public record Wait(String lockName, BiFunction<String, String, String> timeout) {

		/** A lock another migrator holds while it works. */
		public static Wait heldBy(String holderKind, String lockName) {
			return new Wait(lockName, (holder, limit) -> holderKind + " (" + holder + ") held " + lockName
					+ " for longer than MIGRATION_LOCK_WAIT=" + limit + "; wait for it to finish, or stop it, then run"
					+ " migrate again");
		}

	}

	/**
	 * Take advisory lock {@code key} on {@code connection} with {@code lockFunction}
	 * ({@code pg_try_advisory_lock}, or {@code pg_try_advisory_xact_lock} for one that
	 * ends with the transaction), polling at most {@code maxWait} and logging who holds it.
	 * @param limit the setting the wait's deadline comes from, as the messages show it
	 * @return how long it waited
	 * @throws MigrationLockTimeoutException when the wait runs out
	 */
	public static Duration await(Connection connection, long key, String lockFunction, Wait wait, Duration maxWait,
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

	/** Release a session-level advisory lock {@code key} taken on {@code connection}. */
	public static void unlock(Connection connection, long key) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
			statement.setLong(1, key);
			statement.execute();
		}
	}

}
