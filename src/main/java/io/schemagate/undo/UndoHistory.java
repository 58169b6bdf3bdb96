package io.schemagate.undo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.configuration.Configuration;

import io.schemagate.database.SqlErrors;
import io.schemagate.migration.HistorySchema;

/**
 * Undo's record, beside Flyway's history in Flyway's schema: each undo, when, by whom,
 * how long. Flyway's community edition has no row type for an undo, so undo removes the
 * undone versions' rows from Flyway's history (Flyway then sees them pending, as it
 * should) and keeps its account here.
 */
public final class UndoHistory {

	/**
	 * One undo.
	 *
	 * @param version the version undone
	 * @param description what the migration did
	 * @param script the undo script that ran
	 * @param undoneOn when, ISO-8601 in UTC
	 * @param undoneBy the database role that ran it
	 * @param executionTimeMs how long it ran
	 * @param set the set of the migration undone: {@code regular} or {@code post-deploy}
	 */
	public record Entry(String version, String description, String script, String undoneOn, String undoneBy,
			int executionTimeMs, String set) {

	}

	/** The set of an undo recorded before the audit said which. */
	static final String REGULAR = "regular";

	private UndoHistory() {
	}

	/** Every undo recorded on {@code configuration}'s target, oldest first; empty where none ran. Read only. */
	public static List<Entry> read(Configuration configuration) {
		try (Connection connection = configuration.getDataSource().getConnection();
				Statement statement = connection.createStatement()) {
			if (!HistorySchema.exists(configuration, connection, Undoer.AUDIT_TABLE)) {
				return List.of();
			}
			String table = HistorySchema.qualified(configuration, connection, Undoer.AUDIT_TABLE);
			List<Entry> entries = new ArrayList<>();
			// to_jsonb: an audit made before migration_set existed reads too (read only: no ALTER here).
			try (ResultSet result = statement.executeQuery("SELECT version, description, script, undone_on, undone_by,"
					+ " execution_time, to_jsonb(u) ->> 'migration_set' FROM " + table + " u ORDER BY undone_rank")) {
				while (result.next()) {
					String set = result.getString(7);
					entries.add(new Entry(result.getString(1), result.getString(2), result.getString(3),
							result.getTimestamp(4).toInstant().toString(), result.getString(5), result.getInt(6),
							(set != null) ? set : REGULAR));
				}
			}
			return entries;
		}
		catch (SQLException ex) {
			if ("42501".equals(ex.getSQLState())) {
				// A role that may read Flyway's history but not undo's (the runtime role): no undos to show.
				return List.of();
			}
			throw new IllegalStateException("could not read the undo history: " + SqlErrors.firstLine(ex.getMessage()), ex);
		}
	}

}
