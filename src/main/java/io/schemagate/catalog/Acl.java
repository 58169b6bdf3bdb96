package io.schemagate.catalog;

/**
 * Privileges as SQL that compares equal when the privileges are equal: a NULL acl is the
 * default it stands for ({@code acldefault}), so a GRANT and its REVOKE leave what was
 * there, and the items are sorted, comma-separated, one token ({@code -} for none).
 */
final class Acl {

	/** User schemas only: not the system's, not TOAST, not temporary ones (on {@code n}, a pg_namespace). */
	static final String USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema')"
			+ " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'";

	private Acl() {
	}

	/**
	 * {@code ' acl ' || items} for the acl column {@code acl} of an object of acldefault's
	 * {@code kind} (a SQL expression of type "char") owned by {@code owner}.
	 */
	static String of(String acl, String kind, String owner) {
		return " || ' acl ' || " + sorted("coalesce(" + acl + ", acldefault(" + kind + ", " + owner + "))");
	}

	/** The items of the aclitem[] {@code acl}, sorted and comma-separated; {@code -} for none. */
	static String sorted(String acl) {
		return "(SELECT coalesce(string_agg(item::text, ',' ORDER BY item::text), '-') FROM unnest(" + acl + ") item)";
	}

}
