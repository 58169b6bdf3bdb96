package io.schemagate.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Names the sessions that most likely blocked a statement that gave up waiting for a
 * lock: the oldest open transactions holding table locks, as pg_stat_activity shows them.
 */
public final class LockBlockers {

	private static final int MAX_SHOWN = 3;

	private LockBlockers() {
	}

	/** One line naming the likely blockers, or a line saying none was found. */
	public static String describe(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT a.pid, a.application_name, a.state,"
						+ " extract(epoch FROM now() - a.xact_start)::int AS seconds,"
						+ " regexp_replace(left(a.query, 80), '\\s+', ' ', 'g') AS query"
						+ " FROM pg_stat_activity a WHERE a.datname = current_database()"
						+ " AND a.pid <> pg_backend_pid() AND a.xact_start IS NOT NULL AND EXISTS ("
						+ "SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.locktype = 'relation' AND l.granted)"
						+ " ORDER BY a.xact_start LIMIT " + MAX_SHOWN)) {
			List<String> blockers = new ArrayList<>();
			while (result.next()) {
				blockers.add("pid " + result.getInt("pid") + " (application_name '" + result.getString("application_name")
						+ "', " + result.getString("state") + ", transaction open " + result.getInt("seconds")
						+ " s, last query: " + result.getString("query") + ")");
			}
			return blockers.isEmpty() ? "no blocking session is left now"
					: "blocked by " + String.join("; ", blockers);
		}
		catch (SQLException ex) {
			return "could not look up the blocker: " + SqlErrors.firstLine(ex.getMessage());
		}
	}

}
