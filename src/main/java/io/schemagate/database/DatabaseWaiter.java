package io.schemagate.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.schemagate.text.Shown;

/**
 * Waits until the database accepts an authenticated connection, with exponential
 * back-off, logging each failed attempt. Refused credentials end the wait at once:
 * retrying them would only lock the role out.
 * <p>
 * Written by hand because the pools and Flyway only retry a fixed number of times at a
 * fixed interval, and none of them tells a refused password apart from a server that is
 * still starting.
 */
public final class DatabaseWaiter {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseWaiter.class);

	private static final Duration FIRST_DELAY = Duration.ofMillis(200);

	private static final Duration MAX_DELAY = Duration.ofSeconds(5);

	private static final Duration MAX_ATTEMPT = Duration.ofSeconds(10);

	private final Duration timeout;

	/**
	 * @param timeout how long to keep trying; zero means one attempt
	 */
	public DatabaseWaiter(Duration timeout) {
		this.timeout = timeout;
	}

	/**
	 * Wait for the database.
	 * @param target where to connect
	 * @return how long the wait took
	 * @throws AuthenticationFailedException when the server refuses the credentials
	 * @throws DatabaseUnreachableException when the deadline passes, with the last error
	 */
	public Duration waitFor(DatabaseTarget target) {
		long start = System.nanoTime();
		long deadline = start + this.timeout.toNanos();
		Duration delay = FIRST_DELAY;
		for (int attempt = 1;; attempt++) {
			String error = tryConnect(target, Duration.ofNanos(Math.max(deadline - System.nanoTime(), 0)));
			Duration waited = Duration.ofNanos(System.nanoTime() - start);
			if (error == null) {
				if (attempt > 1) {
					logger.info("database {} is up after {} attempts ({} ms)", target.describe(), attempt,
							waited.toMillis());
				}
				return waited;
			}
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				throw new DatabaseUnreachableException("database " + target.describe() + " still unreachable after "
						+ formatSeconds(waited) + " (DB_WAIT_TIMEOUT=" + formatSeconds(this.timeout)
						+ "); last error: " + error);
			}
			Duration sleep = Duration.ofNanos(Math.min(delay.toNanos(), remaining));
			logger.info("waiting for database {} (attempt {}, next in {} ms): {}", target.describe(), attempt,
					sleep.toMillis(), error);
			sleepFor(sleep);
			delay = (delay.multipliedBy(2).compareTo(MAX_DELAY) > 0) ? MAX_DELAY : delay.multipliedBy(2);
		}
	}

	/** One attempt: null when it connected, otherwise the error to report. */
	private static String tryConnect(DatabaseTarget target, Duration remaining) {
		Properties properties = target.connectionProperties();
		long attemptSeconds = Math.max(1, Math.min(remaining.toSeconds(), MAX_ATTEMPT.toSeconds()));
		properties.setProperty("connectTimeout", Long.toString(attemptSeconds));
		properties.setProperty("loginTimeout", Long.toString(attemptSeconds));
		properties.setProperty("socketTimeout", Long.toString(attemptSeconds));
		try (Connection connection = DriverManager.getConnection(target.jdbcUrl(), properties)) {
			return null;
		}
		catch (SQLException ex) {
			if (SqlErrors.isTlsRefused(ex)) {
				throw new ConnectionSettingsException(target.setting() + "_URL: database " + target.describe()
						+ " does not accept TLS connections, and sslmode=" + target.parameter("sslmode").orElse("require")
						+ " requires them; enable ssl on the server, or use sslmode=prefer or sslmode=disable");
			}
			if (SqlErrors.isAuthenticationFailure(ex)) {
				throw new AuthenticationFailedException("database " + target.describe()
						+ " refused the credentials: " + SqlErrors.firstLine(ex.getMessage())
						+ "; check " + target.setting() + "_URL's user and password (or " + target.setting() + "_USER, "
						+ target.setting() + "_PASSWORD)");
			}
			return Shown.cutLongWords(SqlErrors.firstLine(ex.getMessage()), Shown.MAX_SHOWN);
		}
	}

	private static String formatSeconds(Duration duration) {
		return String.format(java.util.Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
	}

	private static void sleepFor(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DatabaseUnreachableException("interrupted while waiting for the database");
		}
	}

}
