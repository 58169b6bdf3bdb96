package io.schemagate.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A database's schema as PostgreSQL's catalogs describe it, normalized so that two equal
 * schemas compare equal: tables and their columns (type, default, nullability, in order),
 * constraints and indexes by their definitions, views, functions, triggers, sequences,
 * types (enums with their labels in order, domains, composites), extensions, comments,
 * owners and grants (a NULL acl as the default it stands for, items sorted), default
 * privileges, row level security and its policies. No oids, no storage, no data, no sequence values. Read in Java: the
 * image has no pg_dump. Objects are keyed as {@code table public.orders}, {@code column
 * public.orders.email}, ...; the history tables of Flyway and of undo are left out.
 *
 * @param objects every object by its key, with its normalized description
 */
public record SchemaSnapshot(Map<String, String> objects) {

	/** One object that is not the same in two snapshots. */
	public record Difference(String object, String expected, String actual) {

		/** One line for people: what it is, what one side has, what the other has. */
		public String describe(String expectedSide, String actualSide) {
			if (this.actual == null) {
				return this.object + ": " + expectedSide + " has it (" + this.expected + "), " + actualSide + " not";
			}
			if (this.expected == null) {
				return this.object + ": " + actualSide + " has it (" + this.actual + "), " + expectedSide + " not";
			}
			return this.object + ": " + expectedSide + " has " + this.expected + ", " + actualSide + " has " + this.actual;
		}

	}

	/** Tables that are bookkeeping, not schema: Flyway's history and undo's. */
	public static final Set<String> BOOKKEEPING = Set.of("flyway_schema_history", "flyway_schema_history_post",
			"schemagate_undo_history", "schemagate_post_deploy_releases");

	/** Each query yields (key, description) rows, one reader per family of objects. */
	private static final List<String> QUERIES = java.util.stream.Stream
		.of(RelationQueries.ALL, RoutineAndTypeQueries.ALL, AccessQueries.ALL)
		.flatMap(List::stream)
		.toList();

	/** Read the schema as {@code connection} sees it. */
	public static SchemaSnapshot read(Connection connection) throws SQLException {
		Map<String, String> objects = new TreeMap<>();
		try (Statement statement = connection.createStatement()) {
			for (String query : QUERIES) {
				try (ResultSet result = statement.executeQuery(query)) {
					while (result.next()) {
						String key = result.getString(1);
						if (key != null && !isBookkeeping(key)) {
							objects.put(key, String.valueOf(result.getString(2)));
						}
					}
				}
			}
		}
		return new SchemaSnapshot(objects);
	}

	/** Whether the key is about a bookkeeping table, its columns, constraints or indexes. */
	private static boolean isBookkeeping(String key) {
		for (String table : BOOKKEEPING) {
			int at = key.indexOf("." + table);
			int after = at + table.length() + 1;
			if (at >= 0 && (after == key.length() || key.charAt(after) == '.' || key.charAt(after) == '_')) {
				return true;
			}
		}
		return false;
	}

	/** What is not the same in {@code actual}: each object {@code this} (expected) and it hold differently. */
	public List<Difference> differencesFrom(SchemaSnapshot actual) {
		Set<String> keys = new TreeSet<>(this.objects.keySet());
		keys.addAll(actual.objects.keySet());
		List<Difference> differences = new ArrayList<>();
		for (String key : keys) {
			String expected = this.objects.get(key);
			String found = actual.objects.get(key);
			if (expected == null || !expected.equals(found)) {
				differences.add(new Difference(key, expected, found));
			}
		}
		return differences;
	}

	/** This snapshot without the objects whose keys match {@code pattern} (a regular expression). */
	public SchemaSnapshot without(java.util.regex.Pattern pattern) {
		Map<String, String> kept = new TreeMap<>(this.objects);
		kept.keySet().removeIf((key) -> pattern.matcher(key).find());
		return new SchemaSnapshot(kept);
	}

}
