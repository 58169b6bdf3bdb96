package io.schemagate.catalog;

import java.util.List;

import static io.schemagate.catalog.Acl.USER_SCHEMAS;

/**
 * {@link SchemaSnapshot}'s queries for schemas and relations: tables, views, sequences,
 * columns, constraints, indexes, row level security and its policies. Each yields (key,
 * description) rows.
 */
final class RelationQueries {

	private static final String TABLES = "SELECT CASE c.relkind WHEN 'r' THEN 'table ' WHEN 'p' THEN 'table '"
			+ " WHEN 'v' THEN 'view ' WHEN 'm' THEN 'materialized view ' WHEN 'S' THEN 'sequence '"
			+ " WHEN 'f' THEN 'foreign table ' END || n.nspname || '.' || c.relname,"
			+ " 'kind ' || c.relkind::text || ' persistence ' || c.relpersistence::text"
			+ " || ' owner ' || pg_get_userbyid(c.relowner)"
			+ Acl.of("c.relacl", "CASE WHEN c.relkind = 'S' THEN 's'::\"char\" ELSE 'r'::\"char\" END", "c.relowner")
			+ " || ' options ' || coalesce(c.reloptions::text, '-')"
			+ " || CASE WHEN c.relrowsecurity THEN ' row level security' ELSE '' END"
			+ " || CASE WHEN c.relforcerowsecurity THEN ' forced' ELSE '' END"
			+ " || CASE WHEN c.relkind IN ('v', 'm') THEN ' as ' || pg_get_viewdef(c.oid) ELSE '' END"
			+ " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
			+ " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND " + USER_SCHEMAS;

	/** Columns, in their order among the columns that are not dropped. */
	private static final String COLUMNS = "SELECT 'column ' || n.nspname || '.' || c.relname || '.' || a.attname,"
			+ " 'position ' || row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum) || ' type '"
			+ " || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END"
			+ " || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')"
			+ " || CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text ELSE '' END"
			+ " || CASE WHEN a.attgenerated <> '' THEN ' generated ' || a.attgenerated::text ELSE '' END"
			+ " || coalesce(' collation ' || NULLIF(co.collname, 'default'), '')"
			+ Acl.of("a.attacl", "'c'::\"char\"", "c.relowner")
			+ " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
			+ " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
			+ " LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 0"
			+ " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND " + USER_SCHEMAS;

	/** Sequences: their definitions and the column that owns them (OWNED BY), not their values. */
	private static final String SEQUENCES = "SELECT 'sequence definition ' || n.nspname || '.' || c.relname,"
			+ " format_type(s.seqtypid, NULL) || ' start ' || s.seqstart || ' increment ' || s.seqincrement"
			+ " || ' min ' || s.seqmin || ' max ' || s.seqmax || ' cache ' || s.seqcache"
			+ " || CASE WHEN s.seqcycle THEN ' cycle' ELSE '' END"
			+ " || coalesce(' owned by ' || (SELECT tn.nspname || '.' || tc.relname || '.' || ta.attname FROM pg_depend dp"
			+ " JOIN pg_class tc ON tc.oid = dp.refobjid JOIN pg_namespace tn ON tn.oid = tc.relnamespace"
			+ " JOIN pg_attribute ta ON ta.attrelid = dp.refobjid AND ta.attnum = dp.refobjsubid"
			+ " WHERE dp.classid = 'pg_class'::regclass AND dp.objid = s.seqrelid"
			+ " AND dp.refclassid = 'pg_class'::regclass AND dp.deptype = 'a'), '')"
			+ " FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
			+ " WHERE " + USER_SCHEMAS;

	/** Row level security policies: command, kind, roles (sorted), USING and WITH CHECK. */
	private static final String POLICIES = "SELECT 'policy ' || n.nspname || '.' || c.relname || '.' || p.polname,"
			+ " 'command ' || p.polcmd::text || CASE WHEN p.polpermissive THEN ' permissive' ELSE ' restrictive' END"
			+ " || ' roles ' || (SELECT string_agg(role, ',' ORDER BY role) FROM (SELECT CASE WHEN r = 0 THEN 'public'"
			+ " ELSE pg_get_userbyid(r) END AS role FROM unnest(p.polroles) r) roles)"
			+ " || ' using ' || coalesce(pg_get_expr(p.polqual, p.polrelid), '-')"
			+ " || ' with check ' || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '-')"
			+ " FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
			+ " WHERE " + USER_SCHEMAS;

	static final List<String> ALL = List.of(
			// Schemas, with owners and grants.
			"SELECT 'schema ' || n.nspname, 'owner ' || pg_get_userbyid(n.nspowner)"
					+ Acl.of("n.nspacl", "'n'::\"char\"", "n.nspowner") + " FROM pg_namespace n WHERE " + USER_SCHEMAS,
			TABLES, COLUMNS,
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
			SEQUENCES, POLICIES);

	private RelationQueries() {
	}

}
