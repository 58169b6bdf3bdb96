package io.schemagate.catalog;

import java.util.List;

import static io.schemagate.catalog.Acl.USER_SCHEMAS;

/** {@link SchemaSnapshot}'s queries for functions, triggers, types and extensions. */
final class RoutineAndTypeQueries {

	/** Types: enums with their labels in order, domains, composites (not a table's row type), with grants. */
	private static final String TYPES = "SELECT 'type ' || n.nspname || '.' || t.typname, CASE t.typtype"
			+ " WHEN 'e' THEN 'enum ' || (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)"
			+ " FROM pg_enum e WHERE e.enumtypid = t.oid)"
			+ " WHEN 'd' THEN 'domain ' || format_type(t.typbasetype, t.typtypmod)"
			+ " || CASE WHEN t.typnotnull THEN ' not null' ELSE '' END || coalesce(' default ' || t.typdefault, '')"
			+ " WHEN 'c' THEN 'composite ' || (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod),"
			+ " ', ' ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0)"
			+ " ELSE 'kind ' || t.typtype::text END || ' owner ' || pg_get_userbyid(t.typowner)"
			+ Acl.of("t.typacl", "'T'::\"char\"", "t.typowner")
			+ " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype IN ('e', 'd', 'c')"
			+ " AND (t.typtype <> 'c' OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')"
			+ " AND " + USER_SCHEMAS;

	static final List<String> ALL = List.of(
			// Functions and procedures, by their definitions, with owners and grants.
			"SELECT 'function ' || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',"
					+ " regexp_replace(pg_get_functiondef(p.oid), '\\s+', ' ', 'g') || ' owner ' || pg_get_userbyid(p.proowner)"
					+ Acl.of("p.proacl", "'f'::\"char\"", "p.proowner")
					+ " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.prokind IN ('f', 'p', 'w') AND "
					+ USER_SCHEMAS + " AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = p.oid AND e.deptype = 'e')",
			// Triggers, by their definitions.
			"SELECT 'trigger ' || n.nspname || '.' || c.relname || '.' || t.tgname, pg_get_triggerdef(t.oid)"
					+ " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
					+ " WHERE NOT t.tgisinternal AND " + USER_SCHEMAS,
			TYPES,
			// Extensions.
			"SELECT 'extension ' || e.extname, 'version ' || e.extversion || ' schema ' || n.nspname"
					+ " FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql'");

	private RoutineAndTypeQueries() {
	}

}
