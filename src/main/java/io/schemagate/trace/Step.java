package io.schemagate.trace;

import java.util.LinkedHashSet;
import java.util.Set;

import io.schemagate.catalog.Relations;

/**
 * One traced statement (or a whole migration, where it could not be split): the
 * relations before and after it, the locks it took and those held while it ran.
 *
 * @param sql the statement, or null for a whole migration
 * @param line the line it starts on, or 0
 * @param inTransaction whether it ran in the migration's transaction
 * @param before the relations before it
 * @param after the relations after it; equal to before when it failed
 * @param heldBefore the table locks the transaction held when it started
 * @param heldAfter the table locks the transaction held when it ended (empty outside one)
 * @param error the server's error when it failed, or null
 * @param messages what the server said while it ran, at DEBUG1 and up ("verifying table
 *        ..."), or null where they were not read (a whole migration run by Flyway)
 */
public record Step(String sql, int line, boolean inTransaction, Relations before, Relations after,
		Set<Locks.Lock> heldBefore, Set<Locks.Lock> heldAfter, String error, java.util.List<String> messages) {

	/** A step whose server messages were not read. */
	public Step(String sql, int line, boolean inTransaction, Relations before, Relations after,
			Set<Locks.Lock> heldBefore, Set<Locks.Lock> heldAfter, String error) {
		this(sql, line, inTransaction, before, after, heldBefore, heldAfter, error, null);
	}

	/** The locks it took: held after it, not before. */
	public Set<Locks.Lock> taken() {
		Set<Locks.Lock> taken = new LinkedHashSet<>(this.heldAfter);
		taken.removeAll(this.heldBefore);
		return taken;
	}

	/** The strongest lock of {@code taken()} or {@code heldAfter} on relation {@code oid}, or null. */
	public Locks.Mode strongestOn(long oid) {
		Locks.Mode strongest = null;
		for (Locks.Lock lock : this.heldAfter) {
			if (lock.oid() == oid && (strongest == null || lock.mode().compareTo(strongest) > 0)) {
				strongest = lock.mode();
			}
		}
		return strongest;
	}

	/** The statement without its comments, upper-cased, for what its words say; empty for a whole migration. */
	public String words() {
		if (this.sql == null) {
			return "";
		}
		return this.sql.replaceAll("(?s)/\\*.*?\\*/|--[^\\n]*", " ").toUpperCase(java.util.Locale.ROOT);
	}

	/** The first word of the statement, upper-cased: {@code ALTER}, {@code TRUNCATE}; empty for a whole migration. */
	public String verb() {
		if (this.sql == null) {
			return "";
		}
		String stripped = this.sql.replaceAll("(?s)^(\\s|--[^\\n]*\\n?|/\\*.*?\\*/)*", "");
		int end = 0;
		while (end < stripped.length() && Character.isLetter(stripped.charAt(end))) {
			end++;
		}
		return stripped.substring(0, end).toUpperCase(java.util.Locale.ROOT);
	}

}
