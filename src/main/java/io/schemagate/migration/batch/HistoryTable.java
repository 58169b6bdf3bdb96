package io.schemagate.migration.batch;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.List;

import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.Configuration;

import io.schemagate.migration.AdvisoryLocks;
import io.schemagate.migration.FlywayInternals;

/**
 * Flyway's schema history table, as the batch reads and writes it: in Flyway's own
 * format, so that Flyway's validate, info and repair see the batch's rows as their own.
 * Flyway has no API for writing its history, so this does it by hand; the tests compare
 * its rows with the ones Flyway writes for the same migrations.
 */
final class HistoryTable {

	private final String qualifiedName;

	private HistoryTable(String schema, String table) {
		this.qualifiedName = quote(schema) + "." + quote(table);
	}

	/**
	 * The history table Flyway uses with {@code configuration}: in its default schema (the
	 * first of its schemas, else the connection's current schema).
	 */
	static HistoryTable of(Configuration configuration, Connection connection) throws SQLException {
		String[] schemas = configuration.getSchemas();
		String schema = (configuration.getDefaultSchema() != null) ? configuration.getDefaultSchema()
				: (schemas.length > 0) ? schemas[0] : currentSchema(connection);
		return new HistoryTable(schema, configuration.getTable());
	}

	/**
	 * What the history holds, read on {@code connection} once it is set up as Flyway sets
	 * up its own (its initSql may set the search_path); empty while the table does not exist.
	 */
	static State state(Configuration configuration, Connection connection) throws SQLException {
		if (configuration.getInitSql() != null && !configuration.getInitSql().isBlank()) {
			try (Statement statement = connection.createStatement()) {
				statement.execute(configuration.getInitSql());
			}
		}
		return of(configuration, connection).state(connection);
	}

	/**
	 * How many rows the history has and its highest rank: if either changes, someone wrote
	 * to it. The row Flyway adds when it creates the schemas ({@code << Flyway Schema
	 * Creation >>}, rank 0) does not count: the migrate of this very run writes it.
	 */
	record State(int rows, int maxRank) {

	}

	State state(Connection connection) throws SQLException {
		try (PreparedStatement exists = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
			exists.setString(1, this.qualifiedName);
			try (ResultSet result = exists.executeQuery()) {
				if (!result.next() || !result.getBoolean(1)) {
					return new State(0, 0);
				}
			}
		}
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(
						"SELECT count(*) FILTER (WHERE type <> 'SCHEMA'), coalesce(max(installed_rank), 0) FROM "
								+ this.qualifiedName)) {
			result.next();
			return new State(result.getInt(1), result.getInt(2));
		}
	}

	/**
	 * Take Flyway's own migration lock for this table until the transaction ends, so that
	 * a Flyway run elsewhere (its command line, an older build) cannot write between the
	 * batch's migrations. Flyway derives the key from the table's quoted name.
	 * @param maxWait how long to wait for such a run (MIGRATION_LOCK_WAIT)
	 * @throws MigrationLockTimeoutException when it holds the lock longer
	 */
	void lockAsFlywayDoes(Connection connection, Duration maxWait) throws SQLException {
		AdvisoryLocks.await(connection, FlywayInternals.flywayLockKey(this.qualifiedName), "pg_try_advisory_xact_lock",
				AdvisoryLocks.Wait.heldBy("a Flyway run elsewhere", "Flyway's migration lock"), maxWait, maxWait);
	}

	/** One applied migration as Flyway records it. */
	record Row(MigrationInfo migration, Duration took) {

	}

	/**
	 * Record {@code rows} as applied, ranked after {@code previous}, in one round trip.
	 * @param installedBy who applied them (Flyway's installedBy, else the current user)
	 */
	void insert(Connection connection, State previous, List<Row> rows, String installedBy) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + this.qualifiedName
				+ " (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, true)")) {
			int rank = previous.maxRank();
			for (Row row : rows) {
				MigrationInfo migration = row.migration();
				insert.setInt(1, ++rank);
				insert.setString(2, (migration.getVersion() != null) ? migration.getVersion().toString() : null);
				// Flyway shortens what its columns cannot hold, so the batch does as it does.
				insert.setString(3, FlywayInternals.historyDescription(migration.getDescription()));
				insert.setString(4, migration.getType().name());
				insert.setString(5, FlywayInternals.historyScript(migration.getScript()));
				if (migration.getChecksum() != null) {
					insert.setInt(6, migration.getChecksum());
				}
				else {
					insert.setNull(6, Types.INTEGER);
				}
				insert.setString(7, installedBy);
				insert.setInt(8, (int) Math.min(Integer.MAX_VALUE, row.took().toMillis()));
				insert.addBatch();
			}
			insert.executeBatch();
		}
		catch (BatchUpdateException ex) {
			// The driver's message repeats the statement and its values; the server's error follows it.
			throw (ex.getNextException() != null) ? ex.getNextException() : ex;
		}
	}

	static String currentUser(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT current_user")) {
			result.next();
			return result.getString(1);
		}
	}

	private static String currentSchema(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT current_schema()")) {
			String schema = result.next() ? result.getString(1) : null;
			if (schema == null) {
				throw new SQLException("no current schema: the search_path is empty; set SPRING_FLYWAY_SCHEMAS");
			}
			return schema;
		}
	}

	/** A PostgreSQL identifier quoted as Flyway quotes it. */
	private static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	@Override
	public String toString() {
		return this.qualifiedName;
	}

}
