package io.schemagate.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.schemagate.database.SqlErrors;

/**
 * Indexes an interrupted {@code CREATE INDEX CONCURRENTLY} left behind: present, unused
 * by queries, still maintained on every write, and in the way of a retry.
 */
public final class InvalidIndexes {

	private InvalidIndexes() {
	}

	/** The invalid indexes of the schemas the connection sees, schema-qualified. */
	public static List<String> find(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT n.nspname || '.' || c.relname FROM pg_index i"
						+ " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
						+ " WHERE NOT i.indisvalid AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
						+ " ORDER BY 1")) {
			List<String> indexes = new ArrayList<>();
			while (result.next()) {
				indexes.add(result.getString(1));
			}
			return indexes;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not list invalid indexes: " + SqlErrors.firstLine(ex.getMessage()), ex);
		}
	}

}
