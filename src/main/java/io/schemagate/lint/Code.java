package io.schemagate.lint;

/**
 * Every finding's stable code, with the safe way to do the same thing. Each has a page in
 * docs/lint/ named after it.
 */
public enum Code {

	REWRITE("rewrite", "add a new column (or table) of the new shape, backfill it in batches in later migrations,"
			+ " switch the application to it, drop the old one later; for a volatile default, add the column without it,"
			+ " then backfill; REINDEX CONCURRENTLY instead of REINDEX; CLUSTER and VACUUM FULL only in a maintenance window"),

	VALIDATING_SCAN("validating-scan", "add the constraint NOT VALID (a brief lock, no scan), then VALIDATE CONSTRAINT in a"
			+ " later migration (it scans without blocking reads or writes); for UNIQUE or PRIMARY KEY, build the index"
			+ " with CREATE UNIQUE INDEX CONCURRENTLY in a file of its own, then ADD CONSTRAINT ... USING INDEX"),

	SET_NOT_NULL_SCAN("set-not-null-scan", "add CHECK (col IS NOT NULL) NOT VALID, VALIDATE it in a later migration,"
			+ " then SET NOT NULL (PostgreSQL 12+ then skips the scan) and drop the check"),

	INDEX_WITHOUT_CONCURRENTLY("index-without-concurrently", "CREATE INDEX CONCURRENTLY, in a migration file of its own"
			+ " (Flyway runs it outside a transaction)"),

	STATEMENTS_UNDER_LOCK("statements-under-lock", "end the transaction after the statement that takes the lock: move the"
			+ " backfill (or the rest) to later migrations, in batches"),

	DROP_TABLE("drop-table", "stop using the table in a release first; drop it in a later migration, once no running"
			+ " release reads it (expand/contract)"),

	DROP_COLUMN("drop-column", "stop reading and writing the column in a release first; drop it in a later migration,"
			+ " once no running release uses it (expand/contract)"),

	RENAME_TABLE("rename-table", "add the new table (or a view by the new name), write to both, switch reads, then drop the"
			+ " old name in a later migration"),

	RENAME_COLUMN("rename-column", "add the new column, write to both, backfill in batches, switch reads, then drop the old"
			+ " column in a later migration"),

	NOT_NULL_WITHOUT_DEFAULT("not-null-without-default", "add the column nullable (or with a constant default), backfill it"
			+ " in batches, then SET NOT NULL the safe way (see set-not-null-scan)"),

	TRUNCATE("truncate", "delete what must go in batches, or keep the data and drop the table later, once nothing reads it"),

	STATEMENT_FAILED("statement-failed", "fix the statement: it fails on a copy of the target's schema, so migrate would fail"),

	BRIEF_EXCLUSIVE_LOCK("brief-exclusive-lock", "nothing to change: MIGRATION_LOCK_TIMEOUT bounds the wait for the lock, so"
			+ " a long transaction ahead of it makes the migration fail fast instead of queueing every query behind it"),

	SERVER_VERSION_DIFFERS("server-version-differs", "give lint a scratch database on a server of the target's major"
			+ " version: SHADOW_DATABASE_URL on one, or leave it unset so lint makes one on the target's server"),

	NO_UNDO_FILE("no-undo-file", "write the undo script beside it (U<version>__<description>.sql, Flyway's naming), and"
			+ " prove it with ./entrypoint verify-undo"),

	ALLOW_WITHOUT_REASON("allow-without-reason", "name the code and say why it is safe here: -- lint:allow <code> <reason>");

	private final String code;

	private final String fix;

	Code(String code, String fix) {
		this.code = code;
		this.fix = fix;
	}

	/** The stable code: {@code rewrite}. */
	public String code() {
		return this.code;
	}

	/** The safe way to do the same thing. */
	public String fix() {
		return this.fix;
	}

	/** The code named {@code code}, or null. */
	public static Code of(String code) {
		for (Code candidate : values()) {
			if (candidate.code.equals(code)) {
				return candidate;
			}
		}
		return null;
	}

	@Override
	public String toString() {
		return this.code;
	}

}
