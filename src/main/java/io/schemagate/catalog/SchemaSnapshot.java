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
 * owners and grants. No oids, no storage, no data, no sequence values. Read in Java: the
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

	private static final String USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema')"
			+ " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'";

	/** Each query yields (key, description) rows. */
	private static final List<String> QUERIES = List.of(
			// Schemas, with owners and grants.
			"SELECT 'schema ' || n.nspname, 'owner ' || pg_get_userbyid(n.nspowner) || ' acl ' || coalesce(n.nspacl::text, '-')"
					+ " FROM pg_namespace n WHERE " + USER_SCHEMAS,
			// Tables, views, sequences and indexes: kind, persistence, owner, grants, options.
			"SELECT CASE c.relkind WHEN 'r' THEN 'table ' WHEN 'p' THEN 'table ' WHEN 'v' THEN 'view ' WHEN 'm'"
					+ " THEN 'materialized view ' WHEN 'S' THEN 'sequence ' WHEN 'f' THEN 'foreign table ' END"
					+ " || n.nspname || '.' || c.relname, 'kind ' || c.relkind::text || ' persistence ' || c.relpersistence::text"
					+ " || ' owner ' || pg_get_userbyid(c.relowner) || ' acl ' || coalesce(c.relacl::text, '-')"
					+ " || ' options ' || coalesce(c.reloptions::text, '-')"
					+ " || CASE WHEN c.relkind IN ('v', 'm') THEN ' as ' || pg_get_viewdef(c.oid) ELSE '' END"
					+ " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
					+ " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND " + USER_SCHEMAS,
			// Columns, in their order among the columns that are not dropped.
			"SELECT 'column ' || n.nspname || '.' || c.relname || '.' || a.attname, 'position '"
					+ " || row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum) || ' type '"
					+ " || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END"
					+ " || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')"
					+ " || CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text ELSE '' END"
					+ " || CASE WHEN a.attgenerated <> '' THEN ' generated ' || a.attgenerated::text ELSE '' END"
					+ " || coalesce(' collation ' || NULLIF(co.collname, 'default'), '')"
					+ " || ' acl ' || coalesce(a.attacl::text, '-')"
					+ " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
					+ " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
					+ " LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 0"
					+ " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND " + USER_SCHEMAS,
			// Constraints, by their definitions.
			"SELECT 'constraint ' || n.nspname || '.' || c.relname || '.' || k.conname, pg_get_constraintdef(k.oid)"
					+ " || CASE WHEN k.convalidated THEN '' ELSE ' (not valid)' END"
					+ " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
					+ " WHERE " + USER_SCHEMAS,
			// Domain constraints.
			"SELECT 'constraint ' || n.nspname || '.' || t.typname || '.' || k.conname, pg_get_constraintdef(k.oid)"
					+ " FROM pg_constraint k JOIN pg_type t ON t.oid = k.contypid JOIN pg_namespace n ON n.oid = t.typnamespace"
					+ " WHERE " + USER_SCHEMAS,
			// Indexes, by their definitions.
			"SELECT 'index ' || n.nspname || '.' || c.relname, pg_get_indexdef(i.indexrelid)"
					+ " || CASE WHEN i.indisvalid THEN '' ELSE ' (INVALID)' END"
					+ " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
					+ " WHERE " + USER_SCHEMAS,
			// Functions and procedures, by their definitions, with owners and grants.
			"SELECT 'function ' || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',"
					+ " regexp_replace(pg_get_functiondef(p.oid), '\\s+', ' ', 'g') || ' owner ' || pg_get_userbyid(p.proowner)"
					+ " || ' acl ' || coalesce(p.proacl::text, '-')"
					+ " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.prokind IN ('f', 'p', 'w') AND "
					+ USER_SCHEMAS + " AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = p.oid AND e.deptype = 'e')",
			// Triggers, by their definitions.
			"SELECT 'trigger ' || n.nspname || '.' || c.relname || '.' || t.tgname, pg_get_triggerdef(t.oid)"
					+ " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
					+ " WHERE NOT t.tgisinternal AND " + USER_SCHEMAS,
			// Sequences: their definitions, not their values.
			"SELECT 'sequence definition ' || n.nspname || '.' || c.relname, format_type(s.seqtypid, NULL) || ' start '"
					+ " || s.seqstart || ' increment ' || s.seqincrement || ' min ' || s.seqmin || ' max ' || s.seqmax"
					+ " || ' cache ' || s.seqcache || CASE WHEN s.seqcycle THEN ' cycle' ELSE '' END"
					+ " FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
					+ " WHERE " + USER_SCHEMAS,
			// Types: enums with their labels in order, domains, composites (not a table's row type).
			"SELECT 'type ' || n.nspname || '.' || t.typname, CASE t.typtype WHEN 'e' THEN 'enum ' || (SELECT string_agg("
					+ "quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid)"
					+ " WHEN 'd' THEN 'domain ' || format_type(t.typbasetype, t.typtypmod)"
					+ " || CASE WHEN t.typnotnull THEN ' not null' ELSE '' END || coalesce(' default ' || t.typdefault, '')"
					+ " WHEN 'c' THEN 'composite ' || (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod),"
					+ " ', ' ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0)"
					+ " ELSE 'kind ' || t.typtype::text END || ' owner ' || pg_get_userbyid(t.typowner)"
					+ " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype IN ('e', 'd', 'c')"
					+ " AND (t.typtype <> 'c' OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')"
					+ " AND " + USER_SCHEMAS,
			// Extensions.
			"SELECT 'extension ' || e.extname, 'version ' || e.extversion || ' schema ' || n.nspname"
					+ " FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql'",
			// Comments on relations and columns.
			"SELECT 'comment on ' || n.nspname || '.' || c.relname || CASE WHEN d.objsubid > 0 THEN '.' || a.attname ELSE '' END,"
					+ " d.description FROM pg_description d JOIN pg_class c ON c.oid = d.objoid"
					+ " AND d.classoid = 'pg_class'::regclass JOIN pg_namespace n ON n.oid = c.relnamespace"
					+ " LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid WHERE " + USER_SCHEMAS);

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
