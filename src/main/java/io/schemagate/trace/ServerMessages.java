package io.schemagate.trace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.List;

/**
 * What PostgreSQL says about a statement at DEBUG1: "verifying table ..." when it scans a
 * table to check a constraint or NOT NULL, "existing constraints on column ... are
 * sufficient to prove that it does not contain nulls" when it skips that scan. The session
 * is set to {@code client_min_messages = debug1} around the one statement only; the driver
 * hands the messages over as warnings of that statement, which are read here and cleared,
 * never logged.
 */
final class ServerMessages {

	private ServerMessages() {
	}

	/** Set the session to send DEBUG1 messages; returns the level it had. */
	static String listen(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT current_setting('client_min_messages'), set_config('client_min_messages', 'debug1', false)");
				ResultSet row = statement.executeQuery()) {
			row.next();
			return row.getString(1);
		}
	}

	/** Put the session's level back (after a rollback, where one was needed) and drop what it sent meanwhile. */
	static void stop(Connection connection, String level) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT set_config('client_min_messages', ?, false)")) {
			statement.setString(1, level);
			statement.execute();
		}
		connection.clearWarnings();
	}

	/** The messages of a chain of warnings, added to {@code messages}. */
	static void collect(SQLWarning warnings, List<String> messages) {
		for (SQLWarning warning = warnings; warning != null; warning = warning.getNextWarning()) {
			if (warning.getMessage() != null) {
				messages.add(warning.getMessage());
			}
		}
	}

}
