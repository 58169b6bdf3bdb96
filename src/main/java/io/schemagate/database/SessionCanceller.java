package io.schemagate.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Cancels what this process's own sessions are running, found by their
 * {@code application_name}: a migration interrupted by SIGTERM then fails at once and
 * PostgreSQL rolls its transaction back and frees its locks, instead of running on after
 * the process is gone.
 */
public final class SessionCanceller {

	private SessionCanceller() {
	}

	/**
	 * Cancel the running statements of the sessions named {@code applicationName}.
	 * @return how many sessions were signalled
	 */
	public static int cancel(DatabaseTarget target, String applicationName) throws SQLException {
		try (Connection connection = DriverManager.getConnection(target.jdbcUrl(), target.connectionProperties());
				PreparedStatement statement = connection.prepareStatement("SELECT count(pg_cancel_backend(pid))"
						+ " FROM pg_stat_activity WHERE application_name = ? AND pid <> pg_backend_pid()")) {
			statement.setString(1, applicationName);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() ? result.getInt(1) : 0;
			}
		}
	}

}
