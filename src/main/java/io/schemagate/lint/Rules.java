package io.schemagate.lint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.schemagate.catalog.Relations.Column;
import io.schemagate.catalog.Relations.Constraint;
import io.schemagate.catalog.Relations.Relation;
import io.schemagate.catalog.Relations;
import io.schemagate.trace.Locks;
import io.schemagate.trace.MigrationTrace;
import io.schemagate.trace.Step;

/**
 * The rules: plain functions from what a migration did on the scratch database (its
 * trace) to findings, one per code. Each asks what PostgreSQL did, not what the SQL says:
 * a storage file that changed is a rewrite, a constraint that arrives valid was checked
 * against every row, a lock is one pg_locks showed.
 * <p>
 * Over 200 lines because it holds every rule: each is a short static function of a
 * trace, and reading them side by side is how one checks that two rules never report
 * the same statement twice.
 */
final class Rules {

	/** One rule: the findings of one statement. */
	@FunctionalInterface
	interface Rule {

		void check(Step step, Findings findings);

	}

	/** The rules that judge one statement at a time, in the order their findings are listed. */
	static final List<Rule> STATEMENT_RULES = List.of(Rules::statementFailed, Rules::rewrite, Rules::truncate,
			Rules::validatingScan, Rules::setNotNullScan, Rules::indexWithoutConcurrently, Rules::breaking,
			Rules::notNullWithoutDefault, Rules::otherScanUnderLock);

	private Rules() {
	}

	/** Every finding of {@code trace}: the statement rules, then those that judge the run of statements. */
	static void check(MigrationTrace trace, Findings findings) {
		for (Step step : trace.steps()) {
			findings.at(step);
			for (Rule rule : STATEMENT_RULES) {
				rule.check(step, findings);
			}
		}
		statementsUnderLock(trace, findings);
		briefExclusiveLocks(trace, findings);
	}

	static void statementFailed(Step step, Findings findings) {
		if (step.error() != null) {
			findings.add(Code.STATEMENT_FAILED, Severity.ERROR, null, null,
					"fails on a copy of the target's schema: " + step.error() + "; migrate would fail here, and the"
							+ " migrations after it were not judged");
		}
	}

	static void rewrite(Step step, Findings findings) {
		if ("TRUNCATE".equals(step.verb())) {
			return;
		}
		List<Relation> rewritten = step.before()
			.relations()
			.values()
			.stream()
			.filter((before) -> before.filenode() != 0)
			.filter((before) -> {
				Relation after = step.after().relations().get(before.oid());
				return after != null && after.filenode() != before.filenode();
			})
			.toList();
		// Tables first: a table's rewrite rebuilds its indexes, whatever order the catalog lists them in.
		Set<Long> rewrittenTables = new LinkedHashSet<>();
		rewritten.stream().filter(Relation::isTable).forEach((table) -> rewrittenTables.add(table.oid()));
		for (Relation before : rewritten) {
			if (before.isTable()) {
				findings.add(Code.REWRITE, before, orSwapLock(step.strongestOn(before.oid())), "rewrites "
						+ before.qualifiedName() + " and its indexes" + cause(step) + ": every statement that needs the"
						+ " table waits for the whole rewrite");
			}
			else if (before.isIndex() && !rewrittenTables.contains(before.table())) {
				Relation table = step.before().relations().get(before.table());
				findings.add(Code.REWRITE, table, orSwapLock(stronger(step.strongestOn(before.oid()),
						step.strongestOn(before.table()))), "rebuilds index " + before.qualifiedName() + cause(step)
								+ ": writes to its table wait for the whole rebuild, and so do reads, since planning a"
								+ " query on the table locks each of its indexes");
			}
		}
	}

	/**
	 * The lock a statement held on a relation whose storage file it replaced: the one
	 * pg_locks showed, or, outside a transaction (VACUUM FULL, CLUSTER), where the lock is
	 * gone before it can be read, ACCESS EXCLUSIVE, the only lock under which PostgreSQL
	 * swaps a relation's file.
	 */
	private static Locks.Mode orSwapLock(Locks.Mode seen) {
		return (seen != null) ? seen : Locks.Mode.ACCESS_EXCLUSIVE;
	}

	private static Locks.Mode stronger(Locks.Mode one, Locks.Mode other) {
		if (one == null || other == null) {
			return (one != null) ? one : other;
		}
		return (one.compareTo(other) >= 0) ? one : other;
	}

	/** What about the statement rewrites, when its words say: for the message only. */
	private static String cause(Step step) {
		String sql = step.words();
		if (sql.contains(" TYPE ")) {
			return " (a type change that is not binary-coercible)";
		}
		if (sql.contains("CLUSTER") || sql.contains("VACUUM")) {
			return " (" + step.verb() + ")";
		}
		if (sql.contains("LOGGED")) {
			return " (SET LOGGED or UNLOGGED)";
		}
		if (sql.contains("REINDEX")) {
			return " (REINDEX)";
		}
		if (sql.contains("ADD")) {
			return " (a column that needs a value in every row: a volatile default, a stored generated or serial column)";
		}
		return "";
	}

	static void truncate(Step step, Findings findings) {
		if (!"TRUNCATE".equals(step.verb())) {
			return;
		}
		for (Relation before : step.before().relations().values()) {
			Relation after = step.after().relations().get(before.oid());
			if (before.isTable() && after != null && after.filenode() != before.filenode()) {
				findings.add(Code.TRUNCATE, before, step.strongestOn(before.oid()), "removes every row of "
						+ before.qualifiedName() + " (TRUNCATE), which the running release may still read");
			}
		}
	}

	static void validatingScan(Step step, Findings findings) {
		for (Constraint added : step.after().constraints().values()) {
			Constraint before = step.before().constraints().get(added.oid());
			Relation table = step.before().relations().get(added.table());
			if (table == null || !added.validated() || "cfupx".indexOf(added.type()) < 0) {
				continue;
			}
			if (before == null) {
				boolean usingIndex = (added.type() == 'u' || added.type() == 'p')
						&& step.before().relations().containsKey(added.index());
				if (usingIndex) {
					continue;
				}
				if (recreated(step, added)) {
					boolean typeChange = step.words().contains(" TYPE ");
					findings.add(Code.VALIDATING_SCAN, null, table, step.strongestOn(table.oid()), "re-creates "
							+ kind(added) + " " + added.name()
							+ (typeChange ? " (a column type change rebuilds the constraints on the column)" : "")
							+ ": PostgreSQL checks every row of " + table.qualifiedName() + " while the lock is held",
							RECREATED_FIX);
				}
				else {
					findings.add(Code.VALIDATING_SCAN, table, step.strongestOn(table.oid()), "adds " + kind(added)
							+ " " + added.name() + " already valid: PostgreSQL checks every row of " + table.qualifiedName()
							+ " while the lock is held");
				}
			}
			else if (!before.validated() && step.inTransaction() && findings.isNewInMigration(added.oid())) {
				findings.add(Code.VALIDATING_SCAN, table, step.strongestOn(table.oid()), "validates " + added.name()
						+ " in the same transaction as the NOT VALID that made it: the scan of " + table.qualifiedName()
						+ " runs under the lock the ADD took");
			}
		}
	}

	private static final String RECREATED_FIX = "drop the constraint first and add it back NOT VALID in the same"
			+ " migration (a brief lock, no scan), then VALIDATE CONSTRAINT in a later migration (it scans without"
			+ " blocking reads or writes)";

	/** Whether {@code added} replaces a valid constraint of its name on its table, gone in this step. */
	private static boolean recreated(Step step, Constraint added) {
		return step.before()
			.constraints()
			.values()
			.stream()
			.anyMatch((old) -> old.oid() != added.oid() && old.table() == added.table() && old.name().equals(added.name())
					&& old.validated() && !step.after().constraints().containsKey(old.oid()));
	}

	private static String kind(Constraint constraint) {
		return switch (constraint.type()) {
			case 'c' -> "CHECK constraint";
			case 'f' -> "FOREIGN KEY";
			case 'u' -> "UNIQUE constraint";
			case 'p' -> "PRIMARY KEY";
			default -> "EXCLUDE constraint";
		};
	}

	static void setNotNullScan(Step step, Findings findings) {
		for (Map.Entry<String, Column> entry : step.after().columns().entrySet()) {
			Column before = step.before().columns().get(entry.getKey());
			Column after = entry.getValue();
			if (before == null || before.notNull() || !after.notNull()) {
				continue;
			}
			Relation table = step.before().relations().get(after.table());
			if (table != null && !provenNotNull(step, table, after)) {
				findings.add(Code.SET_NOT_NULL_SCAN, table, step.strongestOn(table.oid()), "sets " + table.qualifiedName()
						+ "." + after.name() + " NOT NULL: PostgreSQL checks every row under ACCESS EXCLUSIVE, since no"
						+ " valid CHECK (" + after.name() + " IS NOT NULL) proves it");
			}
		}
	}

	/**
	 * Whether PostgreSQL skipped the scan of SET NOT NULL because the table's valid constraints
	 * prove the column: as the server said at DEBUG1 while the statement ran. Where it said
	 * neither (its messages not read, as for a whole migration run by Flyway, or in another
	 * language), whether a valid CHECK (col IS NOT NULL)
	 * is there, the proof PostgreSQL 12+ accepts in its simplest form.
	 */
	private static boolean provenNotNull(Step step, Relation table, Column column) {
		String proof = "existing constraints on column \"" + table.name() + "." + column.name()
				+ "\" are sufficient to prove that it does not contain nulls";
		if (step.messages() != null && step.messages().contains(proof)) {
			return true;
		}
		if (step.messages() != null && step.messages().contains("verifying table \"" + table.name() + "\"")) {
			return false;
		}
		Pattern check = Pattern.compile("CHECK \\(\\(\"?" + Pattern.quote(column.name()) + "\"? IS NOT NULL\\)\\)",
				Pattern.CASE_INSENSITIVE);
		return step.before()
			.constraintsOf(column.table())
			.stream()
			.anyMatch((constraint) -> constraint.type() == 'c' && constraint.validated()
					&& check.matcher(String.valueOf(constraint.definition())).matches());
	}

	/** PostgreSQL's DEBUG1 word for a scan of every row: {@code verifying table "name"}. */
	private static final Pattern VERIFYING = Pattern.compile("verifying table \"(.+)\"");

	/**
	 * A scan PostgreSQL said it ran ("verifying table") under a lock that blocks others, that
	 * no rule before explains: ATTACH PARTITION checking the partition's rows against its
	 * bounds, or any scan a later PostgreSQL adds. Only where the lock is known (in a
	 * transaction): VALIDATE CONSTRAINT scans too, under a lock that blocks nobody.
	 */
	static void otherScanUnderLock(Step step, Findings findings) {
		if (step.messages() == null) {
			return;
		}
		for (String message : step.messages()) {
			java.util.regex.Matcher verifying = VERIFYING.matcher(message);
			if (!verifying.find()) {
				continue;
			}
			for (Relation table : step.before().relations().values()) {
				Locks.Mode lock = step.strongestOn(table.oid());
				if (!table.isTable() || !table.name().equals(verifying.group(1)) || lock == null || !lock.isBlocking()
						|| findings.hasFindingOn(step, table)) {
					continue;
				}
				boolean attach = step.words().contains("ATTACH PARTITION");
				findings.add(Code.VALIDATING_SCAN, null, table, lock, "scans every row of " + table.qualifiedName()
						+ (attach ? " to check it against the partition's bounds (no valid CHECK constraint proves them)"
								: " (PostgreSQL: " + message + ")")
						+ " while the lock is held", attach ? ATTACH_FIX : Code.VALIDATING_SCAN.fix());
			}
		}
	}

	private static final String ATTACH_FIX = "before the ATTACH, add a CHECK constraint that matches the partition's"
			+ " bounds (and IS NOT NULL on the key) NOT VALID, and VALIDATE it in a later migration: ATTACH PARTITION then"
			+ " skips the scan; drop the CHECK after the ATTACH";

	static void indexWithoutConcurrently(Step step, Findings findings) {
		if (step.words().contains("CONCURRENTLY")) {
			return;
		}
		for (Relation index : step.after().relations().values()) {
			if (!index.isIndex() || step.before().relations().containsKey(index.oid()) || rebuilt(step, index)) {
				continue;
			}
			Relation table = step.before().relations().get(index.table());
			boolean forConstraint = step.after()
				.constraints()
				.values()
				.stream()
				.anyMatch((constraint) -> constraint.index() == index.oid()
						&& !step.before().constraints().containsKey(constraint.oid()));
			if (table != null && !forConstraint) {
				findings.add(Code.INDEX_WITHOUT_CONCURRENTLY, table, step.strongestOn(table.oid()), "builds index "
						+ index.name() + " on " + table.qualifiedName() + " without CONCURRENTLY: writes to the table wait"
						+ " for the whole build");
			}
		}
	}

	/** An index PostgreSQL made again under the same name on the same table: part of a rewrite (ALTER TYPE). */
	private static boolean rebuilt(Step step, Relation index) {
		return step.before()
			.relations()
			.values()
			.stream()
			.anyMatch((old) -> old.isIndex() && old.table() == index.table() && old.name().equals(index.name())
					&& !step.after().relations().containsKey(old.oid()));
	}

	static void breaking(Step step, Findings findings) {
		for (Relation before : step.before().relations().values()) {
			if (!before.isTable()) {
				continue;
			}
			Relation after = step.after().relations().get(before.oid());
			if (after == null) {
				// DROP TABLE takes ACCESS EXCLUSIVE; outside a transaction pg_locks no longer shows it.
				Locks.Mode lock = (step.strongestOn(before.oid()) != null) ? step.strongestOn(before.oid())
						: Locks.Mode.ACCESS_EXCLUSIVE;
				findings.add(Code.DROP_TABLE, before, lock, "drops " + before.qualifiedName() + ": the release still"
						+ " serving may read it, and its rows are gone");
			}
			else if (!after.qualifiedName().equals(before.qualifiedName())) {
				findings.add(Code.RENAME_TABLE, before, step.strongestOn(before.oid()), "renames "
						+ before.qualifiedName() + " to " + after.qualifiedName() + ": the release still serving uses the"
						+ " old name");
			}
		}
		for (Map.Entry<String, Column> entry : step.before().columns().entrySet()) {
			Column before = entry.getValue();
			Relation table = step.before().relations().get(before.table());
			if (table == null || !step.after().relations().containsKey(table.oid())) {
				continue;
			}
			Column after = step.after().columns().get(entry.getKey());
			if (after == null) {
				findings.add(Code.DROP_COLUMN, table, step.strongestOn(table.oid()), "drops column "
						+ table.qualifiedName() + "." + before.name() + ": the release still serving may read or write"
						+ " it, and its values are gone");
			}
			else if (!after.name().equals(before.name())) {
				findings.add(Code.RENAME_COLUMN, table, step.strongestOn(table.oid()), "renames column "
						+ table.qualifiedName() + "." + before.name() + " to " + after.name() + ": the release still"
						+ " serving uses the old name");
			}
		}
	}

	static void notNullWithoutDefault(Step step, Findings findings) {
		for (Map.Entry<String, Column> entry : step.after().columns().entrySet()) {
			Column added = entry.getValue();
			Relation table = step.before().relations().get(added.table());
			if (table == null || step.before().columns().containsKey(entry.getKey()) || !added.notNull()
					|| added.defaultExpression() != null || added.generated() || added.identity()) {
				continue;
			}
			findings.add(Code.NOT_NULL_WITHOUT_DEFAULT, table, step.strongestOn(table.oid()), "adds NOT NULL column "
					+ added.name() + " without a default to " + table.qualifiedName() + ": the release still serving"
					+ " inserts rows without it, which fail; on a table with rows the migration itself fails");
		}
	}

	/**
	 * Statements that ran while the migration's transaction held a lock that blocks reads or
	 * writes on a table: a backfill after the ALTER, the rest after a LOCK TABLE. Every later
	 * statement of the transaction that reads or writes rows counts, whether or not it took a
	 * lock of its own (a second UPDATE takes none): one that took a lock for rows, rewrote a
	 * table, or is a query or DML by its first word; a catalog-only ALTER after another is as
	 * brief as the first. A statement with a finding of its own on the table (a rewrite, an
	 * index build) does not count: what it blocks is said there. The lock is held until the
	 * commit. The finding is on the statement that took the lock, in the mode held while the
	 * others ran: a stronger lock taken later (an upgrade) starts a finding of its own.
	 */
	static void statementsUnderLock(MigrationTrace trace, Findings findings) {
		if (!trace.inTransaction()) {
			return;
		}
		Map<Long, List<Held>> held = new LinkedHashMap<>();
		for (Step step : trace.steps()) {
			if (step.error() == null && touchesRows(step)) {
				for (List<Held> upgrades : held.values()) {
					Held since = upgrades.get(upgrades.size() - 1);
					if (!findings.hasFindingOn(step, since.table)) {
						since.lines.add(step.line());
					}
				}
			}
			for (Locks.Lock lock : step.taken()) {
				Relation table = step.after().relations().get(lock.oid());
				Locks.Mode mode = step.strongestOn(lock.oid());
				if (!lock.mode().isBlocking() || table == null || !table.isTable()) {
					continue;
				}
				List<Held> upgrades = held.computeIfAbsent(lock.oid(), (oid) -> new ArrayList<>());
				if (upgrades.isEmpty() || mode.compareTo(upgrades.get(upgrades.size() - 1).mode) > 0) {
					upgrades.add(new Held(step, table, mode));
				}
			}
		}
		for (List<Held> upgrades : held.values()) {
			for (Held since : upgrades) {
				if (!since.lines.isEmpty()) {
					findings.at(since.step);
					findings.add(Code.STATEMENTS_UNDER_LOCK, since.table, since.mode, since.lines.size()
							+ " statement(s) that read or write rows (line(s) " + since.lines.stream().distinct()
								.map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
							+ ") ran after this one, while the transaction held " + since.mode.pgName() + " on "
							+ since.table.qualifiedName() + ": its " + String.join(" and ", since.mode.blocks())
							+ " wait for all of them");
				}
			}
		}
	}

	/** First words of statements that read or write rows, whatever locks they took. */
	private static final Set<String> ROW_VERBS = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "WITH",
			"COPY", "VALUES", "TABLE", "DO", "CALL");

	private static boolean touchesRows(Step step) {
		return ROW_VERBS.contains(step.verb()) || step.taken().stream().anyMatch((lock) -> lock.mode().isForRows())
				|| rewritesAny(step);
	}

	private static boolean rewritesAny(Step step) {
		return step.before().relations().values().stream().anyMatch((before) -> {
			Relation after = step.after().relations().get(before.oid());
			return before.isTable() && after != null && after.filenode() != before.filenode();
		});
	}

	/** A blocking lock on a table, since which statement, and the lines of those that ran under it. */
	private static final class Held {

		private final Step step;

		private final Relation table;

		private final Locks.Mode mode;

		private final List<Integer> lines = new ArrayList<>();

		Held(Step step, Relation table, Locks.Mode mode) {
			this.step = step;
			this.table = table;
			this.mode = mode;
		}

	}

	/** ACCESS EXCLUSIVE taken for a change of the catalog only: brief, info, once per table and migration. */
	static void briefExclusiveLocks(MigrationTrace trace, Findings findings) {
		Set<Long> seen = new LinkedHashSet<>();
		List<Step> steps = new ArrayList<>(trace.steps());
		for (Step step : steps) {
			for (Locks.Lock lock : step.taken()) {
				Relation table = step.before().relations().get(lock.oid());
				if (lock.mode() == Locks.Mode.ACCESS_EXCLUSIVE && table != null && table.isTable()
						&& !findings.hasFindingOn(step, table) && seen.add(table.oid())) {
					findings.at(step);
					findings.add(Code.BRIEF_EXCLUSIVE_LOCK, Severity.INFO, table, lock.mode(), "takes ACCESS EXCLUSIVE on "
							+ table.qualifiedName() + " for a change of the catalog only: brief, once it has the lock");
				}
			}
		}
	}

}
