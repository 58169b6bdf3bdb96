package io.schemagate.undo;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.support.FaultReport;
import io.schemagate.support.Json;
import io.schemagate.support.LauncherRun;
import io.schemagate.support.MigrationFiles;
import io.schemagate.support.TestDatabase;

/** undo, plan --undo and verify-undo against a real PostgreSQL. */
@ExtendWith(FaultReport.class)
class UndoTests {

	@TempDir
	Path folder;

	private final TestDatabase database = TestDatabase.create();

	private MigrationFiles files() {
		return new MigrationFiles(this.folder);
	}

	private LauncherRun run(MigrationFiles files, String... args) {
		return LauncherRun.of(files.environment(this.database), args);
	}

	/** V4 and V5 with their undo scripts, applied, each in a transaction. */
	private MigrationFiles withTwoMore() {
		MigrationFiles files = files().add("4", "gadgets", "CREATE TABLE gadgets (id int PRIMARY KEY, name text);")
			.write("U4__gadgets.sql", "DROP TABLE gadgets;")
			.add("5", "gadget_kind", "ALTER TABLE gadgets ADD COLUMN kind text DEFAULT 'plain';")
			.write("U5__gadget_kind.sql", "ALTER TABLE gadgets DROP COLUMN kind;");
		assertThat(run(files, "migrate").code()).isZero();
		return files;
	}

	@Test
	@FaultReport.Scenario(value = "undo the newest migration, then migrate again",
			expected = "exit 0 with the summary; Flyway sees it pending; history shows the undo; migrate applies it again")
	void undoesTheNewestMigrationAndMigrateAppliesItAgain() {
		MigrationFiles files = files();
		assertThat(run(files, "migrate").code()).isZero();
		LauncherRun undo = run(files, "undo");
		assertThat(undo.code()).as(undo.err()).isZero();
		assertThat(undo.out()).matches("undone 1 migration \\(schema 3 -> 2\\) in [0-9.]+s\\n");
		assertThat(this.database.queryColumn("SELECT to_regclass('expenses_spent_on_idx')")).containsOnlyNulls();
		assertThat(run(files, "status").out()).contains("pending: 1", "V3 index_expenses_by_date");
		JsonNode history = Json.read(run(files, "history", "--json").out());
		assertThat(history.get("undone").get(0).get("version").asString()).isEqualTo("3");
		assertThat(history.get("undone").get(0).get("script").asString()).isEqualTo("U3__index_expenses_by_date.sql");
		assertThat(history.get("undone").get(0).get("undone_by").asString()).isEqualTo("postgres");
		assertThat(run(files, "migrate").code()).isZero();
		assertThat(this.database.appliedVersions()).containsExactly("1", "2", "3");
		FaultReport.observed("undone 1 (3 -> 2), V3 pending, history lists the undo, migrate applied it again");
	}

	@Test
	void undoesSeveralOrEverythingNewerThanAVersionInOneTransaction() {
		MigrationFiles files = withTwoMore();
		String atThree = this.database.snapshot();
		LauncherRun steps = run(files, "undo", "--steps", "2");
		assertThat(steps.code()).as(steps.err()).isZero();
		assertThat(steps.out()).startsWith("undone 2 migrations (schema 5 -> 3)");
		assertThat(this.database.hasTable("gadgets")).isFalse();
		assertThat(run(files, "migrate").code()).isZero();
		assertThat(run(files, "undo", "--to", "3").code()).isZero();
		assertThat(this.database.appliedVersions()).containsExactly("1", "2", "3");
		assertThat(this.database.hasTable("gadgets")).isFalse();
		assertThat(this.database.snapshot()).isNotEqualTo(atThree).contains("expenses");
	}

	@Test
	@FaultReport.Scenario(value = "undo refusals: no undo file, mixed transactionality, a newer build's migration, --steps too many",
			expected = "exit 65 naming each reason; schema and history exactly as before")
	void refusesNamingEachReasonAndChangesNothing() {
		MigrationFiles files = withTwoMore();
		files.add("6", "no_undo", "CREATE TABLE no_undo (id int);");
		assertThat(run(files, "migrate").code()).isZero();
		String before = this.database.snapshot();

		LauncherRun none = run(files, "undo");
		assertThat(none.code()).isEqualTo(65);
		assertThat(none.err()).contains("undo refuses, and nothing was undone: V6 no_undo has no undo file (U6__no_undo.sql)");

		LauncherRun tooMany = run(files, "undo", "--steps", "9");
		assertThat(tooMany.code()).isEqualTo(65);
		assertThat(tooMany.err()).contains("only 6 migration(s) are applied, fewer than --steps 9");

		// An older build: V4 and V5 only.
		java.io.File olderFolder = this.folder.resolveSibling(this.folder.getFileName() + "-older").toFile();
		olderFolder.mkdirs();
		MigrationFiles older = new MigrationFiles(olderFolder.toPath()).add("4", "gadgets", "CREATE TABLE gadgets (id int PRIMARY KEY, name text);")
			.write("U4__gadgets.sql", "DROP TABLE gadgets;");
		LauncherRun newer = LauncherRun.of(older.environment(this.database), "undo");
		assertThat(newer.code()).isEqualTo(65);
		assertThat(newer.err()).contains("V6 no_undo was applied by a build whose files are not here");

		// Every reason at once: the missing file and the mixed transactionality.
		LauncherRun both = run(files, "undo", "--steps", "4");
		assertThat(both.code()).isEqualTo(65);
		assertThat(both.err()).contains("V6 no_undo has no undo file (U6__no_undo.sql)",
				"the undo scripts [U3 index_expenses_by_date] must run outside a transaction and the others in one");

		files.write("U6__no_undo.sql", "DROP TABLE no_undo;");
		LauncherRun mixed = run(files, "undo", "--steps", "4");
		assertThat(mixed.code()).isEqualTo(65);
		assertThat(mixed.err()).contains("the undo scripts [U3 index_expenses_by_date] must run outside a transaction and"
				+ " the others in one");
		assertThat(this.database.snapshot()).isEqualTo(before);
		FaultReport.observed("exit 65 for each, naming it; snapshot unchanged");
	}

	@Test
	@FaultReport.Scenario(value = "undo whose second script fails on the target",
			expected = "exit 65; the run's one transaction rolled back: schema and history exactly as before")
	void aFailingUndoLeavesEverythingAsItWas() {
		MigrationFiles files = withTwoMore();
		this.database.execute("INSERT INTO gadgets (id, name) VALUES (1, NULL)");
		// Passes on the empty scratch database, fails on the target's row.
		files.write("U4__gadgets.sql", "ALTER TABLE gadgets ALTER COLUMN name SET NOT NULL;\nDROP TABLE gadgets;");
		String before = this.database.snapshot();
		LauncherRun undo = run(files, "undo", "--steps", "2", "--allow-data-loss");
		assertThat(undo.code()).isEqualTo(65);
		assertThat(undo.err()).contains("undo U4 gadgets failed: ERROR: column \"name\" of relation \"gadgets\" contains"
				+ " null values; the run's transaction was rolled back: schema and history are as they were");
		assertThat(this.database.snapshot()).isEqualTo(before);
		assertThat(this.database.appliedVersions()).containsExactly("1", "2", "3", "4", "5");
		FaultReport.observed("exit 65 naming U4; U5's change rolled back too; history unchanged");
	}

	@Test
	@FaultReport.Scenario(value = "undo that drops data the target holds",
			expected = "exit 65 naming the table or column and its rows; with --allow-data-loss, undone")
	void dataLossIsRefusedUnlessAllowed() {
		MigrationFiles files = withTwoMore();
		this.database.execute("INSERT INTO gadgets (id, name, kind) SELECT g, 'g', 'fancy' FROM generate_series(1, 50) g;"
				+ " ANALYZE gadgets");
		LauncherRun refused = run(files, "undo");
		assertThat(refused.code()).isEqualTo(65);
		assertThat(refused.err()).contains("undo would drop data the target holds, so nothing was undone: U5 gadget_kind"
				+ " drops gadgets.kind: 50 rows hold a value");
		assertThat(this.database.appliedVersions()).contains("5");
		LauncherRun plan = run(files, "plan", "--undo");
		assertThat(plan.code()).isZero();
		assertThat(plan.out()).contains("data loss (undo refuses it without --allow-data-loss):",
				"U5 gadget_kind drops gadgets.kind: 50 rows hold a value",
				"ALTER TABLE gadgets DROP COLUMN kind;");
		LauncherRun allowed = run(files, "undo", "--allow-data-loss");
		assertThat(allowed.code()).as(allowed.err()).isZero();
		assertThat(this.database.appliedVersions()).doesNotContain("5");
		FaultReport.observed("exit 65 naming gadgets.kind and its 50 rows; with --allow-data-loss: exit 0");
	}

	@Test
	@FaultReport.Scenario(value = "undo dropping a column analyzed while all NULL, then written",
			expected = "the values counted, not estimated from stale statistics: exit 65, nothing changed; --allow-data-loss undoes")
	void dataLossIsCountedNotTakenFromStaleStatistics() {
		MigrationFiles files = withTwoMore();
		this.database.execute("INSERT INTO gadgets (id, name, kind) SELECT g, 'g', NULL FROM generate_series(1, 5000) g;"
				+ " ANALYZE gadgets; UPDATE gadgets SET kind = 'fancy'");
		// The statistics say no row holds a value in kind.
		assertThat(this.database.queryColumn("SELECT null_frac FROM pg_stats WHERE tablename = 'gadgets'"
				+ " AND attname = 'kind'")).containsExactly("1");
		String before = this.database.snapshot();
		LauncherRun plan = run(files, "plan", "--undo", "--steps", "2");
		assertThat(plan.code()).as(plan.err()).isZero();
		assertThat(plan.out()).contains("U5 gadget_kind drops gadgets.kind: 5,000 rows hold a value",
				"U4 gadgets drops gadgets: 5,000 rows hold data").doesNotContain("data loss: none");
		LauncherRun refused = run(files, "undo");
		assertThat(refused.code()).as(refused.err()).isEqualTo(65);
		assertThat(refused.err()).contains("U5 gadget_kind drops gadgets.kind: 5,000 rows hold a value");
		assertThat(this.database.snapshot()).isEqualTo(before);
		assertThat(this.database.appliedVersions()).contains("5");
		LauncherRun allowed = run(files, "undo", "--allow-data-loss");
		assertThat(allowed.code()).as(allowed.err()).isZero();
		assertThat(this.database.appliedVersions()).containsExactly("1", "2", "3", "4");
		FaultReport.observed("stats null_frac 1; plan and undo name 5,000 rows; exit 65, unchanged; allowed: exit 0");
	}

	@Test
	@FaultReport.Scenario(value = "undo of a repeatable migration, and of one recorded as failed",
			expected = "exit 65 naming each; history unchanged")
	void refusesARepeatableAndAFailedMigration() {
		MigrationFiles files = files().write("R__gadget_view.sql", "CREATE OR REPLACE VIEW gadget_view AS SELECT 1 AS one;");
		assertThat(run(files, "migrate").code()).isZero();
		LauncherRun repeatable = run(files, "undo");
		assertThat(repeatable.code()).isEqualTo(65);
		assertThat(repeatable.err()).contains("R gadget_view is a repeatable migration, which has no undo");
		// Outside a transaction (CONCURRENTLY), a failure stays recorded in the history.
		files.add("4", "broken_index", "CREATE INDEX CONCURRENTLY broken ON no_such_table (id);")
			.write("U4__broken_index.sql", "DROP INDEX CONCURRENTLY IF EXISTS broken;");
		assertThat(run(files, "migrate").code()).isNotZero();
		String before = this.database.snapshot();
		LauncherRun failed = run(files, "undo");
		assertThat(failed.code()).as(failed.err()).isEqualTo(65);
		assertThat(failed.err()).contains("V4 broken_index is recorded as failed: run 'repair' first");
		assertThat(this.database.snapshot()).isEqualTo(before);
		FaultReport.observed("exit 65 naming the repeatable and the failed migration");
	}

	@Test
	@FaultReport.Scenario(value = "verify-undo when an undo fails outside a transaction, with migrations after it",
			expected = "exit 1; each later migration listed as not proven, with why")
	void verifyUndoListsWhatItCouldNotProve() {
		MigrationFiles files = files().add("4", "things", "CREATE TABLE things (id int);")
			.write("U4__things.sql", "DROP INDEX CONCURRENTLY no_such_index;")
			.add("5", "more", "CREATE TABLE more (id int);")
			.write("U5__more.sql", "DROP TABLE more;")
			.add("6", "none", "CREATE TABLE none_here (id int);");
		LauncherRun verify = run(files, "verify-undo");
		assertThat(verify.code()).as(verify.out() + verify.err()).isEqualTo(1);
		assertThat(verify.out()).contains("NOT PROVEN    V5 more (U5__more.sql)", "NOT PROVEN    V6 none",
				"not proven: the proof of V4 left the scratch database where no later proof can start",
				"1 differ, 0 without an undo file, 2 not proven");
		JsonNode json = Json.read(run(files, "verify-undo", "--json").out()).get("migrations");
		assertThat(json.size()).isEqualTo(6);
		assertThat(json.get(5).get("outcome").asString()).isEqualTo("NOT_PROVEN");
		FaultReport.observed("exit 1; V5 and V6 listed NOT PROVEN naming V4");
	}

	@Test
	@FaultReport.Scenario(value = "undo of two migrations whose undo scripts both run outside a transaction",
			expected = "exit 65 naming them: one run of them could not be all or nothing; nothing changed")
	void refusesTwoUndosOutsideATransactionInOneRun() {
		MigrationFiles files = files().add("4", "index_by_amount", "CREATE INDEX CONCURRENTLY by_amount ON expenses (amount);")
			.write("U4__index_by_amount.sql", "DROP INDEX CONCURRENTLY by_amount;");
		assertThat(run(files, "migrate").code()).isZero();
		String before = this.database.snapshot();
		LauncherRun both = run(files, "undo", "--steps", "2");
		assertThat(both.code()).as(both.err()).isEqualTo(65);
		assertThat(both.err()).contains("the undo scripts [U4 index_by_amount, U3 index_expenses_by_date] each run outside"
				+ " a transaction, so one run of them cannot be all or nothing");
		assertThat(this.database.snapshot()).isEqualTo(before);
		assertThat(run(files, "undo").code()).isZero();
		FaultReport.observed("exit 65 naming U4 and U3; one at a time: exit 0");
	}

	@Test
	void planUndoChangesNothing() {
		MigrationFiles files = withTwoMore();
		String before = this.database.snapshot();
		LauncherRun plan = run(files, "plan", "--undo", "--steps", "2");
		assertThat(plan.code()).as(plan.err()).isZero();
		assertThat(plan.out()).startsWith("undo would run 2 undo script(s), schema 5 -> 3, in one transaction")
			.contains("-- U5__gadget_kind.sql (undoes V5)", "-- U4__gadgets.sql (undoes V4)");
		assertThat(this.database.snapshot()).isEqualTo(before);
		assertThat(run(files, "plan", "--steps", "2").code()).isEqualTo(64);
	}

	@Test
	void verifyUndoPassesCorrectUndoScripts() {
		MigrationFiles files = files().add("4", "gadgets", "CREATE TABLE gadgets (id int PRIMARY KEY, name text);"
				+ "\nCREATE INDEX gadgets_name ON gadgets (name);\nCOMMENT ON TABLE gadgets IS 'things';")
			.write("U4__gadgets.sql", "DROP TABLE gadgets;");
		LauncherRun verify = run(files, "verify-undo");
		assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
		assertThat(verify.out()).contains("round-trips   V4 gadgets (U4__gadgets.sql)",
				"verify-undo: 4 round-trip(s), 0 differ, 0 without an undo file");
		assertThat(this.database.hasTable("flyway_schema_history")).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@FaultReport.Scenario(value = "verify-undo of an undo that forgets an index, a default, a constraint or a column",
			expected = "exit 1 naming the object and what differs")
	@CsvSource(delimiter = '~', textBlock = """
			an index      ~ CREATE INDEX expenses_category ON expenses (category);     ~ index public.expenses_category
			a default     ~ ALTER TABLE expenses ALTER COLUMN currency SET DEFAULT 'EUR'; ~ column public.expenses.currency
			a constraint  ~ ALTER TABLE expenses ADD CONSTRAINT small CHECK (amount < 1e6); ~ constraint public.expenses.small
			a column      ~ ALTER TABLE expenses ADD COLUMN note text;                 ~ column public.expenses.note
			""")
	void verifyUndoCatchesAnUndoThatForgets(String what, String migration, String object) {
		MigrationFiles files = files().add("4", "change", migration).write("U4__change.sql", "SELECT 1;");
		LauncherRun verify = run(files, "verify-undo", "--json");
		assertThat(verify.code()).as(verify.out() + verify.err()).isEqualTo(1);
		JsonNode result = Json.read(verify.out()).get("migrations").get(3);
		assertThat(result.get("outcome").asString()).isEqualTo("DIFFERS");
		assertThat(result.get("differences").get(0).asString()).contains(object);
		FaultReport.observed(what + ": exit 1 naming " + object);
	}

}
