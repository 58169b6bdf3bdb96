package io.schemagate.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovers what an interrupted {@code CREATE INDEX CONCURRENTLY} leaves: an INVALID index
 * of the name a pending migration builds, in the way of that migration ("already exists")
 * or, with {@code IF NOT EXISTS}, kept as it is while the migration is recorded as done.
 * When no session is building it any more, it is dropped concurrently, and the pending
 * migration builds it again. Anything else invalid is left to the operator ({@code status}
 * lists it).
 * <p>
 * The index name is read from the file with a pattern, not parsed: a name it misses only
 * means no recovery, and an index is dropped only when it is invalid, named so by a
 * pending migration that runs outside a transaction, and not being built.
 */
final class InterruptedIndexBuilds {

	private static final Logger logger = LoggerFactory.getLogger(InterruptedIndexBuilds.class);

	private static final Pattern CONCURRENT_INDEX = Pattern.compile(
			"\\bCREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+CONCURRENTLY\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
					+ "((?:\"[^\"]+\"|[\\w$]+)(?:\\.(?:\"[^\"]+\"|[\\w$]+))?)\\s+ON\\b",
			Pattern.CASE_INSENSITIVE);

	private InterruptedIndexBuilds() {
	}

	/**
	 * Drop the invalid indexes the pending migrations outside a transaction will build,
	 * unless a session is building them.
	 * @param connection an idle connection in autocommit (the migration lock's)
	 */
	static void recover(Configuration configuration, MigrationInfo[] pending, Connection connection)
			throws SQLException {
		MigrationScripts scripts = MigrationScripts.of(configuration);
		if (scripts == null) {
			return;
		}
		String schema = (configuration.getDefaultSchema() != null) ? configuration.getDefaultSchema()
				: (configuration.getSchemas().length > 0) ? configuration.getSchemas()[0] : null;
		for (MigrationInfo migration : pending) {
			String sql = FlywayInternals.inTransaction(migration) ? null : scripts.show(migration);
			for (String name : (sql != null) ? indexNames(sql) : List.<String>of()) {
				String index = invalidIndex(connection, qualified(schema, name));
				if (index != null) {
					logger.warn("{} builds index {}, which is INVALID: an earlier CREATE INDEX CONCURRENTLY was"
							+ " interrupted. Dropping it concurrently, so that {} builds it again",
							Versions.name(migration), index, Versions.name(migration));
					try (Statement statement = connection.createStatement()) {
						statement.execute("DROP INDEX CONCURRENTLY IF EXISTS " + index);
					}
				}
			}
		}
	}

	/** The names of the indexes a file builds concurrently, as written. */
	static List<String> indexNames(String sql) {
		List<String> names = new ArrayList<>();
		Matcher matcher = CONCURRENT_INDEX.matcher(sql);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	private static String qualified(String schema, String name) {
		return (name.contains(".") || schema == null) ? name : "\"" + schema.replace("\"", "\"\"") + "\"." + name;
	}

	/** The index, schema-qualified, when it exists, is invalid and no session is building it; else null. */
	private static String invalidIndex(Connection connection, String name) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT i.indexrelid::regclass::text FROM pg_index i"
				+ " WHERE i.indexrelid = to_regclass(?) AND NOT i.indisvalid AND NOT EXISTS"
				+ " (SELECT 1 FROM pg_stat_progress_create_index p WHERE p.index_relid = i.indexrelid)")) {
			statement.setString(1, name);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() ? result.getString(1) : null;
			}
		}
	}

}
