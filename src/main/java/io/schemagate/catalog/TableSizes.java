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
 * holds a row at all ({@code SELECT 1 ... LIMIT 1}), under an ACCESS SHARE lock bounded by
 * MIGRATION_LOCK_TIMEOUT. For undo, which drops what it sizes, the rows are probed and
 * counted exactly whatever the statistics say ({@link #rowsIn}, {@link #valuesIn}), under
 * a statement_timeout of a few seconds. Nothing here can write.
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

	/**
	 * How many rows hold data.
	 *
	 * @param rows the rows; -1 for some, not counted in time and without statistics;
	 * null when even whether there is one could not be read in time
	 * @param exact whether counted, or else estimated from the statistics
	 */
	public record Count(Long rows, boolean exact) {

		static final Count UNKNOWN = new Count(null, false);

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
		long oid;
		long tuples;
		// The statistics first, on their own: reading pg_class takes no lock on the table.
		try (PreparedStatement statement = this.connection.prepareStatement("SELECT c.oid, c.reltuples::bigint"
				+ " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
				+ " WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p', 'm')")) {
			statement.setString(1, schema);
			statement.setString(2, name);
			try (ResultSet result = statement.executeQuery()) {
				if (!result.next()) {
					return Size.ABSENT;
				}
				oid = result.getLong(1);
				tuples = result.getLong(2);
			}
		}
		catch (SQLException ex) {
			return new Size(true, null, null, null);
		}
		Long bytes = bytes(oid);
		if (tuples > 0) {
			return new Size(true, tuples, bytes, true);
		}
		Boolean hasRows = probe(schema, name);
		return new Size(true, Boolean.FALSE.equals(hasRows) ? 0L : null, bytes, hasRows);
	}

	/** The table's size with its indexes and TOAST, or null where its lock cannot be had in time (the size locks it). */
	private Long bytes(long oid) {
		try (PreparedStatement statement = this.connection.prepareStatement("SELECT pg_total_relation_size(?::oid::regclass)")) {
			statement.setLong(1, oid);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() ? result.getLong(1) : null;
			}
		}
		catch (SQLException ex) {
			return null;
		}
	}

	/**
	 * How many rows of {@code schema.name} hold data, counted and not estimated: an undo
	 * must not trust statistics a write made stale.
	 */
	public Count rowsIn(String schema, String name) {
		return count(quoted(schema) + "." + quoted(name), "true", "count(*)", () -> estimate(schema, name, null));
	}

	/**
	 * How many rows of {@code schema.name} hold a value in {@code column}, counted and not
	 * estimated: statistics taken while the column was all NULL say none however many
	 * values were written since.
	 */
	public Count valuesIn(String schema, String name, String column) {
		return count(quoted(schema) + "." + quoted(name), quoted(column) + " IS NOT NULL", "count(" + quoted(column) + ")",
				() -> estimate(schema, name, column));
	}

	/**
	 * An exact probe (is there a row at all?), then an exact count, both under
	 * statement_timeout and lock_timeout; a count that cannot finish in time falls back
	 * to the estimate; a probe that cannot finish is unknown (it may hold data).
	 */
	private Count count(String table, String where, String counted, java.util.function.Supplier<Long> estimate) {
		try (Statement statement = this.connection.createStatement()) {
			try (ResultSet result = statement.executeQuery("SELECT 1 FROM " + table + " WHERE " + where + " LIMIT 1")) {
				if (!result.next()) {
					return new Count(0L, true);
				}
			}
			catch (SQLException ex) {
				// 42P01: the target has no such table, so nothing to lose; else locked, slow or unreadable.
				return "42P01".equals(ex.getSQLState()) ? new Count(0L, true) : Count.UNKNOWN;
			}
			try (ResultSet result = statement.executeQuery("SELECT " + counted + " FROM " + table)) {
				result.next();
				return new Count(result.getLong(1), true);
			}
			catch (SQLException ex) {
				Long about = estimate.get();
				return new Count((about != null && about > 0) ? about : -1L, false);
			}
		}
		catch (SQLException ex) {
			return Count.UNKNOWN;
		}
	}

	/** The statistics' rows (of the table, or holding a value in {@code column}), or null where they have none. */
	private Long estimate(String schema, String name, String column) {
		String sql = (column == null) ? "SELECT c.reltuples::bigint FROM pg_class c JOIN pg_namespace n ON n.oid ="
				+ " c.relnamespace WHERE n.nspname = ? AND c.relname = ? AND c.reltuples > 0"
				: "SELECT (c.reltuples * (1 - s.null_frac))::bigint FROM pg_stats s JOIN pg_namespace n ON n.nspname ="
						+ " s.schemaname JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = s.tablename"
						+ " WHERE s.schemaname = ? AND s.tablename = ? AND s.attname = ? AND c.reltuples > 0";
		try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
			statement.setString(1, schema);
			statement.setString(2, name);
			if (column != null) {
				statement.setString(3, column);
			}
			try (ResultSet result = statement.executeQuery()) {
				return result.next() ? result.getLong(1) : null;
			}
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
