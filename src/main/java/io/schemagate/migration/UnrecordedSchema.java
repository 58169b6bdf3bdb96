package io.schemagate.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * A schema that has objects but no migration history, which {@code migrate} refuses
 * (Flyway's NON_EMPTY_SCHEMA_WITHOUT_SCHEMA_HISTORY_TABLE) unless baseline-on-migrate is on:
 * found before migrate for status, plan and readiness, and worded once for them and migrate.
 */
final class UnrecordedSchema {

	/** Objects of a schema as Flyway counts them for emptiness: relations, functions, own types. */
	private static final String NOT_EMPTY = "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c"
			+ " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ?)"
			+ " OR EXISTS (SELECT 1 FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
			+ " WHERE n.nspname = ?) OR EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n"
			+ " ON n.oid = t.typnamespace WHERE n.nspname = ? AND t.typrelid = 0 AND t.typcategory <> 'A')";

	private UnrecordedSchema() {
	}

	/** What is wrong, for schemas as Flyway quotes them, e.g. {@code "public"}. */
	static String problem(String schemas) {
		return "the schema " + schemas + " has tables but no migration history";
	}

	/** What to do about it. */
	static String fix() {
		return "if they are what this build's migrations up to version V make, record that once with"
				+ " './entrypoint baseline --version V', then migrate";
	}

	/** The quoted names of the schemas migrate would refuse for, e.g. {@code "public"}; empty when none. */
	static String find(Flyway flyway) {
		Configuration configuration = flyway.getConfiguration();
		if (configuration.isBaselineOnMigrate()) {
			return "";
		}
		try (Connection connection = configuration.getDataSource().getConnection()) {
			List<String> schemas = schemas(configuration, connection);
			if (schemas.isEmpty() || hasHistory(connection, schemas.get(0), configuration.getTable())) {
				return "";
			}
			List<String> nonEmpty = new ArrayList<>();
			for (String schema : schemas) {
				if (notEmpty(connection, schema)) {
					nonEmpty.add("\"" + schema + "\"");
				}
			}
			return String.join(",", nonEmpty);
		}
		catch (SQLException ex) {
			throw new FlywayException("could not read whether the schema has a migration history", ex);
		}
	}

	/** The configured schemas, the history's first (Flyway's default schema or the current one). */
	private static List<String> schemas(Configuration configuration, Connection connection) throws SQLException {
		List<String> schemas = new ArrayList<>();
		if (configuration.getDefaultSchema() != null) {
			schemas.add(configuration.getDefaultSchema());
		}
		for (String schema : configuration.getSchemas()) {
			if (!schemas.contains(schema)) {
				schemas.add(schema);
			}
		}
		if (schemas.isEmpty()) {
			try (PreparedStatement statement = connection.prepareStatement("SELECT current_schema()");
					ResultSet result = statement.executeQuery()) {
				if (result.next() && result.getString(1) != null) {
					schemas.add(result.getString(1));
				}
			}
		}
		return schemas;
	}

	private static boolean hasHistory(Connection connection, String schema, String table) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM"
				+ " pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
				+ " WHERE n.nspname = ? AND c.relname = ?)")) {
			statement.setString(1, schema);
			statement.setString(2, table);
			return bool(statement);
		}
	}

	private static boolean notEmpty(Connection connection, String schema) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(NOT_EMPTY)) {
			statement.setString(1, schema);
			statement.setString(2, schema);
			statement.setString(3, schema);
			return bool(statement);
		}
	}

	private static boolean bool(PreparedStatement statement) throws SQLException {
		try (ResultSet result = statement.executeQuery()) {
			return result.next() && result.getBoolean(1);
		}
	}

}
