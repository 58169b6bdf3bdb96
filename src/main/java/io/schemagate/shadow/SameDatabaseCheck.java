package io.schemagate.shadow;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.schemagate.database.DatabaseTarget;
import io.schemagate.database.SqlErrors;
import io.schemagate.settings.ConfigurationException;

/**
 * Whether SHADOW_DATABASE_URL is a judged database reached another way (another host
 * alias, address or port forward), as the servers say rather than the URLs: a read-only
 * session on the target, marked with a random application name, is looked for in the
 * shadow's {@code pg_stat_activity}; seen there, both are one server, and the session's
 * database being the shadow's own makes them one database.
 */
final class SameDatabaseCheck {

	private static final Logger logger = LoggerFactory.getLogger(SameDatabaseCheck.class);

	private SameDatabaseCheck() {
	}

	/** @throws ConfigurationException when the shadow is one of the judged databases */
	static void refuseJudged(Connection shadow, DatabaseTarget given, DatabaseTarget... judged) throws SQLException {
		for (int i = 0; i < judged.length; i++) {
			DatabaseTarget target = judged[i];
			if (target == null || (i > 0 && target.isSameDatabaseAs(judged[0]))) {
				continue;
			}
			boolean same;
			try {
				same = isSame(shadow, target);
			}
			catch (RuntimeException | SQLException ex) {
				if (i == 0) {
					throw ex;
				}
				// DATABASE_URL, beside MIGRATION_DATABASE_URL, is not otherwise needed by lint
				logger.debug("could not reach {}_URL to tell it from SHADOW_DATABASE_URL", target.setting(), ex);
				continue;
			}
			if (same) {
				throw new ConfigurationException("SHADOW_DATABASE_URL names the same database as " + target.setting()
						+ "_URL (" + given.describe() + " is " + target.describe() + ", as the server says); lint"
						+ " empties its shadow, so give it a scratch database of its own, or unset it to have lint make one");
			}
		}
	}

	private static boolean isSame(Connection shadow, DatabaseTarget target) throws SQLException {
		String mark = "schemagate-shadow-check-" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
		Properties properties = target.connectionProperties();
		properties.setProperty("ApplicationName", mark);
		properties.setProperty("readOnly", "true");
		try (Connection judged = DriverManager.getConnection(target.jdbcUrl(), properties);
				Statement statement = judged.createStatement();
				ResultSet self = statement.executeQuery("SELECT pid, backend_start FROM pg_stat_activity"
						+ " WHERE pid = pg_backend_pid()")) {
			self.next();
			int pid = self.getInt(1);
			Timestamp started = self.getTimestamp(2);
			// another role's session shows its pid and application name but not its backend_start
			try (PreparedStatement query = shadow.prepareStatement("SELECT datname = current_database()"
					+ " FROM pg_stat_activity WHERE pid = ? AND application_name = ?"
					+ " AND (backend_start IS NULL OR backend_start = ?)")) {
				query.setInt(1, pid);
				query.setString(2, mark);
				query.setTimestamp(3, started);
				try (ResultSet result = query.executeQuery()) {
					return result.next() && result.getBoolean(1);
				}
			}
		}
		catch (SQLException ex) {
			if (ex.getSQLState() != null && ex.getSQLState().startsWith("08")) {
				throw new IllegalStateException("could not reach " + target.setting() + "_URL to tell it from"
						+ " SHADOW_DATABASE_URL: " + SqlErrors.firstLine(ex.getMessage()), ex);
			}
			throw ex;
		}
	}

}
