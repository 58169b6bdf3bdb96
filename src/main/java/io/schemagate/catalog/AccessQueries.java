package io.schemagate.catalog;

import java.util.List;

import static io.schemagate.catalog.Acl.USER_SCHEMAS;

/**
 * {@link SchemaSnapshot}'s queries for comments and default privileges. Comments are read
 * from all of pg_description, keyed by {@code pg_identify_object}: on tables, columns,
 * functions, types, constraints, schemas, policies, triggers, ... Objects of the system
 * (oids below 16384, but a user's comment on schema {@code public} counts) and members of
 * extensions are left out. pg_shdescription is not read: it comments on databases, roles
 * and tablespaces, which the snapshot does not cover.
 */
final class AccessQueries {

	private static final String COMMENTS = "SELECT 'comment on ' || o.type || ' ' || o.identity, d.description"
			+ " FROM pg_description d CROSS JOIN LATERAL pg_identify_object(d.classoid, d.objoid, d.objsubid) o"
			+ " LEFT JOIN pg_namespace n ON n.nspname = coalesce(o.schema,"
			+ " CASE WHEN d.classoid = 'pg_namespace'::regclass THEN o.identity END)"
			+ " WHERE (d.objoid >= 16384 OR (d.classoid = 'pg_namespace'::regclass AND n.nspname = 'public'"
			+ " AND d.description <> 'standard public schema'))"
			+ " AND (n.oid IS NULL OR " + USER_SCHEMAS + ")"
			+ " AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = d.classoid AND e.objid = d.objoid"
			+ " AND e.deptype = 'e')";

	/** Default privileges, per kind of object and schema (or all schemas), each role's items sorted. */
	private static final String DEFAULT_PRIVILEGES = "SELECT 'default privileges on ' || CASE d.defaclobjtype"
			+ " WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences' WHEN 'f' THEN 'functions' WHEN 'T' THEN 'types'"
			+ " WHEN 'n' THEN 'schemas' ELSE d.defaclobjtype::text END || coalesce(' in schema ' || n.nspname, ''),"
			+ " string_agg('owner ' || pg_get_userbyid(d.defaclrole) || ' acl ' || " + Acl.sorted("d.defaclacl")
			+ ", '; ' ORDER BY pg_get_userbyid(d.defaclrole))"
			+ " FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace"
			+ " WHERE d.defaclnamespace = 0 OR (" + USER_SCHEMAS + ") GROUP BY d.defaclobjtype, n.nspname";

	static final List<String> ALL = List.of(COMMENTS, DEFAULT_PRIVILEGES);

	private AccessQueries() {
	}

}
