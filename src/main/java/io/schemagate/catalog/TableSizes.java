package io.schemagate.catalog;

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
 * The sizes of a database's tables (the target's), read in a read-only session: its statistics
 * (reltuples, the total size); where they are missing (never analyzed), whether the table
 * holds a row at all ({@code SELECT 1 ... LIMIT 1}, never a count), under an ACCESS SHARE
 * lock bounded by MIGRATION_LOCK_TIMEOUT. Nothing here can write.
 */
public final class TableSizes implements AutoCloseable {

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
	public record Size(boolean exists, Long rows, Long bytes, Boolean hasRows) {

		/** A table the target does not have. */
		public static final Size ABSENT = new Size(false, null, null, null);

	}

	private final Connection connection;

	private final Map<String, Size> sizes = new HashMap<>();

	public TableSizes(DataSource target, Duration lockTimeout) throws SQLException {
		this.connection = target.getConnection();
		try (Statement statement = this.connection.createStatement()) {
			this.connection.setAutoCommit(true);
			statement.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
			statement.execute("SET lock_timeout = " + lockTimeout.toMillis());
			statement.execute("SET statement_timeout = " + PROBE_TIMEOUT.toMillis());
		}
	}

	/** The target's major version: 15 for 15.4. */
	public int majorVersion() throws SQLException {
		return this.connection.getMetaData().getDatabaseMajorVersion();
	}

	/** The table {@code schema.name} as the target has it. */
	public Size of(String schema, String name) {
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

	/**
	 * How many rows of {@code schema.name} hold a value in {@code column}: estimated from
	 * the statistics (rows times the share that is not null), else -1 when a probe finds
	 * one (some, not counted) and 0 when none; null when it could not be read in time.
	 */
	public Long valuesIn(String schema, String name, String column) {
		try (PreparedStatement statement = this.connection.prepareStatement("SELECT (c.reltuples * (1 - s.null_frac))::bigint"
				+ " FROM pg_stats s JOIN pg_namespace n ON n.nspname = s.schemaname JOIN pg_class c ON c.relnamespace = n.oid"
				+ " AND c.relname = s.tablename WHERE s.schemaname = ? AND s.tablename = ? AND s.attname = ? AND c.reltuples > 0")) {
			statement.setString(1, schema);
			statement.setString(2, name);
			statement.setString(3, column);
			try (ResultSet result = statement.executeQuery()) {
				if (result.next()) {
					return result.getLong(1);
				}
			}
		}
		catch (SQLException ex) {
			return null;
		}
		try (Statement statement = this.connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT 1 FROM " + quoted(schema) + "." + quoted(name)
						+ " WHERE " + quoted(column) + " IS NOT NULL LIMIT 1")) {
			return result.next() ? -1L : 0L;
		}
		catch (SQLException ex) {
			return null;
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
