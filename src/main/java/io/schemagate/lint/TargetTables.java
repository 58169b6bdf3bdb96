package io.schemagate.lint;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;


/**
 * The sizes of the target's tables, read in a read-only session: its statistics
 * (reltuples, the total size); where they are missing (never analyzed), whether the table
 * holds a row at all ({@code SELECT 1 ... LIMIT 1}, never a count), under an ACCESS SHARE
 * lock bounded by MIGRATION_LOCK_TIMEOUT. Nothing here can write.
 */
final class TargetTables implements AutoCloseable {

	/** How long the probe of a table without statistics may run. */
	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

	/**
	 * A table as the target has it.
	 *
	 * @param exists whether the target has it
	 * @param rows its estimated rows, or null when unknown
	 * @param bytes its total size, or null
	 * @param hasRows whether it holds a row: true, false, or null when it could not be read in time
	 */
	record Size(boolean exists, Long rows, Long bytes, Boolean hasRows) {

		static final Size ABSENT = new Size(false, null, null, null);

		/** Error where the table has rows, warning where it is empty or unknown, info where the target lacks it. */
		Severity severity() {
			if (!this.exists) {
				return Severity.INFO;
			}
			return Boolean.TRUE.equals(this.hasRows) ? Severity.ERROR : Severity.WARNING;
		}

	}

	private final Connection connection;

	private final Map<String, Size> sizes = new HashMap<>();

	TargetTables(DataSource target, Duration lockTimeout) throws SQLException {
		this.connection = target.getConnection();
		try (Statement statement = this.connection.createStatement()) {
			this.connection.setAutoCommit(true);
			statement.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
			statement.execute("SET lock_timeout = " + lockTimeout.toMillis());
			statement.execute("SET statement_timeout = " + PROBE_TIMEOUT.toMillis());
		}
	}

	/** The target's major version: 15 for 15.4. */
	int majorVersion() throws SQLException {
		return this.connection.getMetaData().getDatabaseMajorVersion();
	}

	/** The table {@code schema.name} as the target has it. */
	Size of(String schema, String name) {
		return this.sizes.computeIfAbsent(schema + "\u0000" + name, (key) -> read(schema, name));
	}

	private Size read(String schema, String name) {
		try (PreparedStatement statement = this.connection.prepareStatement("SELECT c.reltuples::bigint,"
				+ " pg_total_relation_size(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
				+ " WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p', 'm')")) {
			statement.setString(1, schema);
			statement.setString(2, name);
			try (ResultSet result = statement.executeQuery()) {
				if (!result.next()) {
					return Size.ABSENT;
				}
				long tuples = result.getLong(1);
				long bytes = result.getLong(2);
				if (tuples > 0) {
					return new Size(true, tuples, bytes, true);
				}
				Boolean hasRows = probe(schema, name);
				return new Size(true, Boolean.FALSE.equals(hasRows) ? 0L : null, bytes, hasRows);
			}
		}
		catch (SQLException ex) {
			return new Size(true, null, null, null);
		}
	}

	/** Whether the table holds a row, where its statistics cannot say; null when it could not be read in time. */
	private Boolean probe(String schema, String name) {
		String table = quoted(schema) + "." + quoted(name);
		try (Statement statement = this.connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT 1 FROM " + table + " LIMIT 1")) {
			return result.next();
		}
		catch (SQLException ex) {
			// A lock it could not get within MIGRATION_LOCK_TIMEOUT, or no right to read it: unknown.
			return null;
		}
	}

	private static String quoted(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	@Override
	public void close() throws SQLException {
		this.connection.close();
	}

}
