package io.schemagate.lint;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.support.Json;
import io.schemagate.support.LauncherRun;
import io.schemagate.support.MigrationFiles;
import io.schemagate.support.TestDatabase;
import io.schemagate.support.TestPostgres;

/** lint against a real PostgreSQL: what it finds, how severe, and that it never changes the target. */
class LintTests {

	@TempDir
	Path folder;

	private final TestDatabase database = TestDatabase.create();

	private MigrationFiles files() {
		return new MigrationFiles(this.folder);
	}

	/** The target at V4: an orders table with {@code rows} rows, analyzed. */
	private MigrationFiles withOrders(int rows) {
		MigrationFiles files = files().add("4", "orders", "CREATE TABLE orders (id bigint PRIMARY KEY,"
				+ " email varchar(100), amount int, note text);\nINSERT INTO orders SELECT g, 'a' || g || '@x', g, 'n'"
				+ " FROM generate_series(1, " + rows + ") g;\nANALYZE orders;");
		assertThat(LauncherRun.of(files.environment(this.database), "migrate").code()).isZero();
		return files;
	}

	private LauncherRun lint(MigrationFiles files, String... options) {
		String[] args = new String[options.length + 1];
		args[0] = "lint";
		System.arraycopy(options, 0, args, 1, options.length);
		return LauncherRun.of(files.environment(this.database), args);
	}

	/** Run {@code work} while another session holds ACCESS EXCLUSIVE on {@code table} of the target. */
	private void whileLocked(String table, Runnable work) {
		try (java.sql.Connection holder = this.database.connect();
				java.sql.Statement statement = holder.createStatement()) {
			holder.setAutoCommit(false);
			statement.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
			work.run();
			holder.rollback();
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<JsonNode> findings(LauncherRun run) {
		JsonNode migrations = Json.read(run.out()).get("migrations");
		return java.util.stream.StreamSupport.stream(migrations.spliterator(), false)
			.flatMap((migration) -> java.util.stream.StreamSupport.stream(migration.get("findings").spliterator(), false))
			.toList();
	}

	private static List<String> codes(LauncherRun run) {
		return findings(run).stream().map((finding) -> finding.get("code").asString()).toList();
	}

	@Test
	void aFileMixingTransactionalAndConcurrentStatementsIsAFailedStatementAtFlywaysLine() {
		MigrationFiles files = withOrders(10).add("5", "mixed",
				"CREATE TABLE audit (id int);\nCREATE INDEX CONCURRENTLY orders_amount ON orders (amount);")
			.add("6", "after", "ALTER TABLE orders ADD COLUMN later text;");
		LauncherRun run = lint(files, "--json");
		assertThat(run.code()).as(run.err()).isEqualTo(1);
		JsonNode failed = findings(run).stream()
			.filter((finding) -> finding.get("code").asString().equals("statement-failed"))
			.findFirst()
			.orElseThrow();
		assertThat(failed.get("file").asString()).isEqualTo("V5__mixed.sql");
		assertThat(failed.get("line").asInt()).isEqualTo(2);
		assertThat(failed.get("message").asString()).contains("Flyway refuses to run the file: Detected both transactional"
				+ " and non-transactional statements");
		assertThat(Json.read(run.out()).get("not_judged").get(0).asString()).startsWith("V6");
		assertThat(this.database.hasTable("audit")).isFalse();
	}

	@Test
	void aPlaceholderWithoutAValueIsAFailedStatementAtItsLineAndEnforceRefusesIt() {
		MigrationFiles files = withOrders(10).add("5", "rewrite", "ALTER TABLE orders ALTER COLUMN amount TYPE bigint;")
			.add("6", "placeholder", "-- a table per tenant\nCREATE TABLE t_${tenant} (a int);")
			.add("7", "after", "ALTER TABLE orders ADD COLUMN later text;");
		LauncherRun run = lint(files, "--json");
		assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
		assertThat(codes(run)).contains("rewrite", "statement-failed");
		JsonNode failed = findings(run).stream()
			.filter((finding) -> finding.get("code").asString().equals("statement-failed"))
			.findFirst()
			.orElseThrow();
		assertThat(failed.get("file").asString()).isEqualTo("V6__placeholder.sql");
		assertThat(failed.get("line").asInt()).isEqualTo(2);
		assertThat(failed.get("message").asString()).contains("placeholder ${tenant} has no value; set"
				+ " SPRING_FLYWAY_PLACEHOLDERS_TENANT");
		assertThat(Json.read(run.out()).get("not_judged").toString()).contains("V7");
		Map<String, String> enforce = files.environment(this.database);
		enforce.put("MIGRATION_LINT", "enforce");
		LauncherRun refused = LauncherRun.of(enforce, "migrate");
		assertThat(refused.code()).isEqualTo(65);
		assertThat(refused.err()).contains("MIGRATION_LINT=enforce: lint found 2 error(s)");
		assertThat(this.database.appliedVersions()).doesNotContain("5");
		Map<String, String> filled = files.environment(this.database);
		filled.put("SPRING_FLYWAY_PLACEHOLDERS_TENANT", "acme");
		assertThat(codes(LauncherRun.of(filled, "lint", "--json"))).doesNotContain("statement-failed");
	}

	@Test
	void aJavaMigrationIsTracedByFlywayOneStepPerMigrationWithoutALine() {
		MigrationFiles files = withOrders(500).add("6", "after", "ALTER TABLE orders ADD COLUMN later text;");
		Map<String, String> environment = files.environment(this.database);
		environment.put("SPRING_FLYWAY_LOCATIONS", files.locations() + ",classpath:io/schemagate/lint/javamigration");
		String before = this.database.snapshot();
		LauncherRun run = LauncherRun.of(environment, "lint", "--json");
		assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
		JsonNode migrations = Json.read(run.out()).get("migrations");
		assertThat(migrations).hasSize(2);
		assertThat(migrations.get(0).get("version").asString()).isEqualTo("5");
		JsonNode index = migrations.get(0).get("findings").get(0);
		assertThat(index.get("code").asString()).isEqualTo("index-without-concurrently");
		assertThat(index.get("severity").asString()).isEqualTo("error");
		assertThat(index.get("table").asString()).isEqualTo("public.orders");
		assertThat(index.get("rows").asLong()).isEqualTo(500);
		assertThat(index.get("line").isNull()).as(index.toString()).isTrue();
		assertThat(migrations.get(1).get("version").asString()).isEqualTo("6");
		assertThat(migrations.get(1).get("findings").toString()).contains("brief-exclusive-lock");
		assertThat(this.database.snapshot()).isEqualTo(before);
		assertThat(migrations.get(0).get("path").asString())
			.isEqualTo("src/main/java/io/schemagate/lint/javamigration/V5__Index_orders_amount.java");
		assertThat(LauncherRun.of(environment, "lint", "--format", "github").out()).contains(
				"::error file=src/main/java/io/schemagate/lint/javamigration/V5__Index_orders_amount.java,"
						+ "title=lint index-without-concurrently::builds index orders_amount on public.orders");
	}

	@Test
	void aFileFlywayFailsToReadInARunItTracesIsAFailedStatementNotASilentPass() {
		MigrationFiles files = withOrders(10).add("6", "placeholder", "CREATE TABLE t_${tenant} (a int);");
		Map<String, String> environment = files.environment(this.database);
		environment.put("SPRING_FLYWAY_LOCATIONS", files.locations() + ",classpath:io/schemagate/lint/javamigration");
		LauncherRun run = LauncherRun.of(environment, "lint", "--json");
		assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
		JsonNode migrations = Json.read(run.out()).get("migrations");
		assertThat(migrations.get(1).get("file").asString()).isEqualTo("V6__placeholder.sql");
		assertThat(migrations.get(1).get("findings").get(0).get("code").asString()).isEqualTo("statement-failed");
		assertThat(migrations.get(1).get("findings").get(0).get("message").asString())
			.contains("No value provided for placeholder: ${tenant}");
	}

	@Test
	void aTableLockedByAnotherSessionDoesNotHoldLintPastTheLockTimeout() {
		MigrationFiles files = withOrders(10).add("4.1", "other", "CREATE TABLE other (id int CHECK (id > 0));");
		assertThat(LauncherRun.of(files.environment(this.database), "migrate").code()).isZero();
		files.add("5", "index", "CREATE INDEX orders_amount ON orders (amount);");
		Map<String, String> environment = files.environment(this.database);
		environment.put("MIGRATION_LOCK_TIMEOUT", "1s");
		whileLocked("other", () -> {
			long start = System.nanoTime();
			LauncherRun run = LauncherRun.of(environment, "lint", "--json");
			long seconds = (System.nanoTime() - start) / 1_000_000_000L;
			assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
			assertThat(seconds).as("lint waited for the lock").isLessThan(30);
			assertThat(codes(run)).contains("index-without-concurrently");
			assertThat(Json.read(run.out()).get("notes").toString())
				.contains("lint did not compare the target's schema with what its migrations make: could not read the"
						+ " target's schema within MIGRATION_LOCK_TIMEOUT=1s");
		});
	}

	@Test
	void aRewriteNamesTheLockPostgreSqlSwapsFilesUnderEvenOutsideATransaction() {
		MigrationFiles files = withOrders(100).add("4.1", "index", "CREATE INDEX orders_by_amount ON orders (amount);");
		assertThat(LauncherRun.of(files.environment(this.database), "migrate").code()).isZero();
		files.add("5", "vacuum", "VACUUM FULL orders;").add("6", "reindex", "REINDEX TABLE orders;");
		LauncherRun run = lint(files, "--json");
		assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
		JsonNode migrations = Json.read(run.out()).get("migrations");
		JsonNode vacuum = migrations.get(0).get("findings").get(0);
		assertThat(vacuum.get("code").asString()).isEqualTo("rewrite");
		assertThat(vacuum.get("lock").asString()).isEqualTo("AccessExclusiveLock");
		assertThat(vacuum.get("blocks").toString()).isEqualTo("[\"reads\",\"writes\"]");
		JsonNode reindex = migrations.get(1).get("findings").get(0);
		assertThat(reindex.get("code").asString()).isEqualTo("rewrite");
		assertThat(reindex.get("message").asString()).startsWith("rebuilds index");
		assertThat(reindex.get("lock").asString()).isEqualTo("AccessExclusiveLock");
		assertThat(reindex.get("blocks").toString()).isEqualTo("[\"reads\",\"writes\"]");
	}

	@Test
	void anAppliedFileEditedSinceIsNotedAsWhatMigrateWouldRefuse() {
		MigrationFiles files = withOrders(10).add("4", "orders", "CREATE TABLE orders (id bigint PRIMARY KEY, email text,"
				+ " amount int, note text, edited_later int);")
			.add("5", "later", "ALTER TABLE orders ADD COLUMN later text;");
		LauncherRun run = lint(files, "--json");
		assertThat(run.code()).as(run.out() + run.err()).isZero();
		assertThat(Json.read(run.out()).get("notes").toString()).contains("migrate would refuse to run, before applying"
				+ " anything: V4 orders: its file changed after it was applied");
	}

	@Test
	void findsWhatEachStatementDoesSizedFromTheTarget() {
		MigrationFiles files = withOrders(2000).add("5", "changes", """
				ALTER TABLE orders ALTER COLUMN amount TYPE bigint;
				CREATE INDEX orders_amount ON orders (amount);
				ALTER TABLE orders ADD CONSTRAINT amount_positive CHECK (amount > 0);
				ALTER TABLE orders ALTER COLUMN note SET NOT NULL;
				ALTER TABLE orders RENAME COLUMN note TO remark;
				ALTER TABLE orders DROP COLUMN email;
				""");
		LauncherRun run = lint(files, "--json");
		assertThat(run.code()).as(run.err()).isEqualTo(1);
		assertThat(codes(run)).contains("rewrite", "index-without-concurrently", "validating-scan", "set-not-null-scan",
				"rename-column", "drop-column");
		JsonNode rewrite = findings(run).get(0);
		assertThat(rewrite.get("code").asString()).isEqualTo("rewrite");
		assertThat(rewrite.get("severity").asString()).isEqualTo("error");
		assertThat(rewrite.get("line").asInt()).isEqualTo(1);
		assertThat(rewrite.get("table").asString()).isEqualTo("public.orders");
		assertThat(rewrite.get("rows").asLong()).isEqualTo(2000);
		assertThat(rewrite.get("lock").asString()).isEqualTo("AccessExclusiveLock");
		assertThat(rewrite.get("blocks").toString()).isEqualTo("[\"reads\",\"writes\"]");
		assertThat(rewrite.get("fix").asString()).contains("backfill it in batches");
		JsonNode migration = Json.read(run.out()).get("migrations").get(0);
		assertThat(migration.get("version").asString()).isEqualTo("5");
		assertThat(migration.get("file").asString()).isEqualTo("V5__changes.sql");
		assertThat(findings(run)).filteredOn((f) -> f.get("code").asString().equals("set-not-null-scan"))
			.singleElement()
			.satisfies((f) -> assertThat(f.get("line").asInt()).isEqualTo(4));
	}

	@Test
	void whatPostgreSqlDoesWithoutARewriteOrAScanIsNoError() {
		MigrationFiles files = withOrders(2000).add("4.1", "proof",
				"ALTER TABLE orders ADD CONSTRAINT note_present CHECK (note IS NOT NULL);");
		assertThat(LauncherRun.of(files.environment(this.database), "migrate").code()).isZero();
		files.add("5", "safe", """
				ALTER TABLE orders ALTER COLUMN email TYPE varchar(200);
				ALTER TABLE orders ADD COLUMN created_at timestamptz DEFAULT now();
				ALTER TABLE orders ALTER COLUMN note SET NOT NULL;
				ALTER TABLE orders ADD CONSTRAINT amount_positive CHECK (amount > 0) NOT VALID;
				""");
		LauncherRun run = lint(files, "--json");
		assertThat(run.code()).as(run.out() + run.err()).isZero();
		assertThat(findings(run)).allSatisfy((f) -> assertThat(f.get("severity").asString()).isEqualTo("info"));
		assertThat(codes(run)).contains("brief-exclusive-lock").doesNotContain("rewrite", "set-not-null-scan");
	}

	@Test
	void aTypeChangeThatRebuildsACheckSaysSoAndHowToAvoidTheScan() {
		MigrationFiles files = withOrders(2000).add("4.1", "total",
				"ALTER TABLE orders ADD COLUMN total numeric(12,2) DEFAULT 0 CONSTRAINT total_positive CHECK (total >= 0);");
		assertThat(LauncherRun.of(files.environment(this.database), "migrate").code()).isZero();
		// A wider precision, the same scale: no rewrite, but PostgreSQL rebuilds the CHECK, scanning every row.
		files.add("5", "widen", "ALTER TABLE orders ALTER COLUMN total TYPE numeric(14,2);");
		LauncherRun run = lint(files, "--json");
		assertThat(codes(run)).doesNotContain("rewrite");
		assertThat(findings(run)).filteredOn((f) -> f.get("code").asString().equals("validating-scan"))
			.singleElement()
			.satisfies((f) -> {
				assertThat(f.get("message").asString()).startsWith("re-creates CHECK constraint total_positive"
						+ " (a column type change rebuilds the constraints on the column)");
				assertThat(f.get("fix").asString()).startsWith("drop the constraint first and add it back NOT VALID");
			});
	}

	@Test
	void anEmptyTableIsAWarningAndATableOfThisRunIsInfo() {
		MigrationFiles files = withOrders(0).add("5", "more", """
				CREATE INDEX orders_amount ON orders (amount);
				CREATE TABLE invoices (id int, total int);
				CREATE INDEX invoices_total ON invoices (total);
				""").add("6", "later", "ALTER TABLE invoices ALTER COLUMN total TYPE bigint;");
		LauncherRun run = lint(files, "--json");
		assertThat(run.code()).as(run.out()).isZero();
		assertThat(findings(run)).filteredOn((f) -> f.get("code").asString().equals("index-without-concurrently"))
			.singleElement()
			.satisfies((f) -> assertThat(f.get("severity").asString()).isEqualTo("warning"));
		// The index on a table made in the same migration is no finding; a table made earlier in the run is info.
		assertThat(findings(run)).filteredOn((f) -> f.get("code").asString().equals("rewrite"))
			.singleElement()
			.satisfies((f) -> assertThat(f.get("severity").asString()).isEqualTo("info"));
		assertThat(findings(run)).filteredOn((f) -> "public.invoices".equals(f.get("table").asString()))
			.allSatisfy((f) -> assertThat(f.get("version").asString()).isEqualTo("6"));
		assertThat(lint(files, "--fail-on", "warning").code()).isEqualTo(1);
		assertThat(lint(files, "--fail-on", "never").code()).isZero();
	}

	@Test
	void aFindingIsAcceptedInItsFileOnlyWithAReason() {
		MigrationFiles files = withOrders(100).add("5", "index", """
				CREATE INDEX orders_amount ON orders (amount); -- lint:allow index-without-concurrently 100 rows, a lookup
				""");
		LauncherRun accepted = lint(files, "--json");
		assertThat(accepted.code()).as(accepted.out()).isZero();
		assertThat(findings(accepted).get(0).get("accepted").asBoolean()).isTrue();
		assertThat(findings(accepted).get(0).get("reason").asString()).isEqualTo("100 rows, a lookup");

		files.write("V5__index.sql", "-- lint:allow index-without-concurrently\nCREATE INDEX orders_amount ON orders (amount);");
		LauncherRun bare = lint(files, "--json");
		assertThat(bare.code()).isEqualTo(1);
		assertThat(codes(bare)).containsExactlyInAnyOrder("index-without-concurrently", "allow-without-reason", "no-undo-file");

		files.write("V5__index.sql", "/* lint:allow index-without-concurrently a lookup,\n   100 rows */\n"
				+ "CREATE INDEX orders_amount ON orders (amount);");
		LauncherRun block = lint(files, "--json");
		assertThat(block.code()).as(block.out()).isZero();
		assertThat(findings(block).get(0).get("reason").asString()).isEqualTo("a lookup, 100 rows");
		files.write("V5__index.sql", "/* lint:allow index-without-concurrently */\n"
				+ "CREATE INDEX orders_amount ON orders (amount);");
		assertThat(codes(lint(files, "--json"))).contains("allow-without-reason");
		// A block comment after the semicolon is the statement's, as a line comment is: not the next one's.
		files.write("V5__index.sql", "CREATE INDEX orders_amount ON orders (amount); /* lint:allow"
				+ " index-without-concurrently a lookup */\nCREATE INDEX orders_note ON orders (note);");
		LauncherRun trailing = lint(files, "--json");
		assertThat(findings(trailing)).filteredOn((f) -> f.get("code").asString().equals("index-without-concurrently"))
			.extracting((f) -> f.get("line").asInt() + ":" + f.get("accepted").asBoolean())
			.containsExactly("1:true", "2:false");
		for (String marker : List.of("/* lint:allow */", "-- lint:allow")) {
			files.write("V5__index.sql", marker + "\nSELECT 1;\nCREATE INDEX orders_amount ON orders (amount);");
			assertThat(findings(lint(files, "--json")))
				.filteredOn((f) -> f.get("code").asString().equals("allow-without-reason"))
				.singleElement()
				.satisfies((f) -> assertThat(f.get("message").asString()).as(marker).contains("names no finding code"));
		}
	}

	@Test
	void aStatementThatFailsIsAnErrorAndWhatComesAfterIsNotJudged() {
		MigrationFiles files = withOrders(10).add("5", "broken", "ALTER TABLE orders ADD COLUMN x int;\n"
				+ "ALTER TABLE no_such_table ADD COLUMN y int;").add("6", "after", "DROP TABLE orders;");
		LauncherRun run = lint(files);
		assertThat(run.code()).isEqualTo(1);
		assertThat(run.out()).contains("line 2 error statement-failed: fails on a copy of the target's schema: ERROR:"
				+ " relation \"no_such_table\" does not exist")
			.contains("not judged (after a migration that failed): [V6 after]");
	}

	@Test
	void theTargetIsNotChangedAndTheScratchDatabaseIsGone() {
		MigrationFiles files = withOrders(500).add("5", "everything", """
				ALTER TABLE orders ALTER COLUMN amount TYPE bigint;
				TRUNCATE orders;
				DROP TABLE orders;
				""");
		String before = this.database.snapshot();
		List<String> databasesBefore = this.database.queryColumn("SELECT datname FROM pg_database ORDER BY 1");
		assertThat(lint(files).code()).isEqualTo(1);
		assertThat(this.database.snapshot()).isEqualTo(before);
		assertThat(this.database.queryColumn("SELECT datname FROM pg_database ORDER BY 1")).isEqualTo(databasesBefore);
		assertThat(this.database.appliedVersions()).containsExactly("1", "2", "3", "4");
	}

	@Test
	void nothingPendingIsSaidAndExits0() {
		MigrationFiles files = withOrders(1);
		LauncherRun run = lint(files);
		assertThat(run.code()).isZero();
		assertThat(run.out()).isEqualTo("lint: nothing pending: schema is at version 4\n");
	}

	@Test
	void githubAnnotationsNameTheFileAndLine() {
		MigrationFiles files = withOrders(100).add("5", "index", "\nCREATE INDEX orders_amount ON orders (amount);");
		LauncherRun run = lint(files, "--format", "github");
		assertThat(run.code()).isEqualTo(1);
		assertThat(run.out()).containsPattern("::error file=[^,]*V5__index.sql,line=2,title=lint index-without-concurrently::"
				+ "builds index orders_amount on public.orders without CONCURRENTLY");
	}

	@Test
	void thePasswordAppearsInNoOutput() {
		MigrationFiles files = withOrders(10).add("5", "x", "ALTER TABLE orders ALTER COLUMN amount TYPE bigint;");
		LauncherRun run = lint(files, "--json");
		assertThat(run.out() + run.err()).doesNotContain(TestPostgres.ADMIN_PASSWORD);
	}

	@Test
	void badOptionsExit64() {
		MigrationFiles files = files();
		assertThat(lint(files, "--fail-on", "sometimes").code()).isEqualTo(64);
		assertThat(lint(files, "--format", "xml").code()).isEqualTo(64);
		assertThat(lint(files, "--format", "github", "--json").code()).isEqualTo(64);
	}

	@Test
	void enforceRefusesToMigrateWhileAnErrorIsNotAcceptedAndWarnMigrates() {
		MigrationFiles files = withOrders(100).add("5", "index", "CREATE INDEX orders_amount ON orders (amount);");
		Map<String, String> enforce = files.environment(this.database);
		enforce.put("MIGRATION_LINT", "enforce");
		LauncherRun refused = LauncherRun.of(enforce, "migrate");
		assertThat(refused.code()).isEqualTo(65);
		assertThat(refused.err()).contains("error: MIGRATION_LINT=enforce: lint found 1 error(s) in the pending"
				+ " migrations, so nothing was applied; the first: V5__index.sql:1 error index-without-concurrently");
		assertThat(this.database.appliedVersions()).containsExactly("1", "2", "3", "4");

		Map<String, String> warn = files.environment(this.database);
		warn.put("MIGRATION_LINT", "warn");
		assertThat(LauncherRun.of(warn, "migrate").code()).isZero();
		assertThat(this.database.appliedVersions()).containsExactly("1", "2", "3", "4", "5");
	}

	@Test
	void aMigrationWithoutAnUndoScriptIsNotedOrWarnedOfWithUndoRequired() {
		MigrationFiles files = withOrders(10).add("5", "table", "CREATE TABLE more (id int);");
		assertThat(findings(lint(files, "--json"))).filteredOn((f) -> f.get("code").asString().equals("no-undo-file"))
			.singleElement()
			.satisfies((f) -> assertThat(f.get("severity").asString()).isEqualTo("info"));
		Map<String, String> required = files.environment(this.database);
		required.put("UNDO_REQUIRED", "true");
		LauncherRun strict = LauncherRun.of(required, "lint", "--fail-on", "warning");
		assertThat(strict.code()).isEqualTo(1);
		assertThat(strict.out()).contains("warning no-undo-file: has no undo script (U5__table.sql)");
		files.write("U5__table.sql", "DROP TABLE more;");
		assertThat(LauncherRun.of(required, "lint", "--fail-on", "warning").code()).isZero();
	}

	@Test
	void planCountsLintsFindingsPerMigrationWhenMigrateWouldLint() {
		MigrationFiles files = withOrders(100).add("5", "index", "CREATE INDEX orders_amount ON orders (amount);");
		assertThat(LauncherRun.of(files.environment(this.database), "plan").out()).doesNotContain("-- lint:");
		Map<String, String> warn = files.environment(this.database);
		warn.put("MIGRATION_LINT", "warn");
		LauncherRun plan = LauncherRun.of(warn, "plan");
		assertThat(plan.code()).as(plan.err()).isZero();
		assertThat(plan.out()).contains("-- V5 index (V5__index.sql), in its own transaction\n"
				+ "-- lint: 1 error(s), 0 warning(s), 1 info, 0 accepted");
		assertThat(this.database.appliedVersions()).containsExactly("1", "2", "3", "4");
	}

	@Test
	void placeholdersAndRepeatablesAreTracedAsFlywayRunsThem() {
		MigrationFiles files = withOrders(100).add("5", "placed", "CREATE INDEX ${index} ON orders (amount);")
			.write("R__report.sql", "CREATE OR REPLACE VIEW order_report AS SELECT id, amount FROM orders;");
		Map<String, String> environment = files.environment(this.database);
		environment.put("SPRING_FLYWAY_PLACEHOLDERS_INDEX", "orders_by_amount");
		LauncherRun run = LauncherRun.of(environment, "lint", "--json");
		assertThat(run.code()).as(run.err()).isEqualTo(1);
		assertThat(findings(run)).filteredOn((f) -> f.get("code").asString().equals("index-without-concurrently"))
			.singleElement()
			.satisfies((f) -> assertThat(f.get("message").asString()).contains("orders_by_amount"));
		assertThat(Json.read(run.out()).get("migrations")).hasSize(2);
	}

	@Test
	void aFileWithPlaceholdersLeavesTheOtherFilesTracedStatementByStatement() {
		MigrationFiles files = withOrders(100).add("5", "placed",
				"COMMENT ON TABLE orders IS '${owner} in ${flyway:database} by ${flyway:filename}';")
			.add("6", "concurrent", "CREATE INDEX CONCURRENTLY orders_by_amount ON orders (amount);")
			.add("7", "backfill", "ALTER TABLE orders ADD COLUMN c int;\nUPDATE orders SET c = 1;\nTRUNCATE orders;");
		Map<String, String> environment = files.environment(this.database);
		environment.put("SPRING_FLYWAY_PLACEHOLDERS_OWNER", "team");
		LauncherRun run = LauncherRun.of(environment, "lint", "--json");
		assertThat(run.code()).as(run.err()).isEqualTo(1);
		JsonNode migrations = Json.read(run.out()).get("migrations");
		assertThat(migrations).hasSize(3);
		assertThat(migrations.get(0).get("findings").toString()).doesNotContain("statement-failed");
		assertThat(migrations.get(1).get("findings").toString()).doesNotContain("index-without-concurrently");
		List<String> backfill = java.util.stream.StreamSupport.stream(migrations.get(2).get("findings").spliterator(),
				false).map((f) -> f.get("code").asString() + "@" + f.get("line").asInt() + ":" + f.get("severity").asString())
			.toList();
		assertThat(backfill).contains("statements-under-lock@1:error", "truncate@3:error").doesNotContain("rewrite@3:error");
	}

	@Test
	void everyStatementAfterTheBlockingLockIsCountedOnTheStatementThatTookIt() {
		MigrationFiles files = withOrders(100).add("5", "backfill", """
				ALTER TABLE orders ADD COLUMN c int;
				UPDATE orders SET c = 1;
				UPDATE orders SET c = 2;
				DELETE FROM orders WHERE false;
				""").add("6", "upgrade", """
				LOCK TABLE orders IN SHARE MODE;
				SELECT count(*) FROM orders;
				ALTER TABLE orders ADD COLUMN d int;
				UPDATE orders SET d = 1;
				""");
		LauncherRun run = lint(files, "--json");
		List<JsonNode> underLock = findings(run).stream()
			.filter((f) -> f.get("code").asString().equals("statements-under-lock"))
			.toList();
		assertThat(underLock).as(run.out()).hasSize(3);
		assertThat(underLock.get(0).get("line").asInt()).isEqualTo(1);
		assertThat(underLock.get(0).get("message").asString()).startsWith("3 statement(s) that read or write rows (line(s) 2, 3, 4) ran after");
		// Each lock in the mode it was held in while the others ran: the upgrade is a finding of its own.
		assertThat(underLock.get(1).get("line").asInt()).isEqualTo(1);
		assertThat(underLock.get(1).get("lock").asString()).isEqualTo("ShareLock");
		assertThat(underLock.get(1).get("message").asString()).startsWith("1 statement(s) that read or write rows (line(s) 2) ran after")
			.contains("its writes wait");
		assertThat(underLock.get(2).get("line").asInt()).isEqualTo(3);
		assertThat(underLock.get(2).get("lock").asString()).isEqualTo("AccessExclusiveLock");
		assertThat(underLock.get(2).get("message").asString()).startsWith("1 statement(s) that read or write rows (line(s) 4) ran after");
	}

	@Test
	void attachingAPartitionThatNoCheckProvesIsAValidatingScan() {
		MigrationFiles files = files().add("4", "events", """
				CREATE TABLE events (id int, at date) PARTITION BY RANGE (at);
				CREATE TABLE events_2024 (id int, at date);
				INSERT INTO events_2024 SELECT g, date '2024-01-01' + g % 300 FROM generate_series(1, 3000) g;
				CREATE TABLE events_2025 (id int, at date,
				    CHECK (at IS NOT NULL AND at >= date '2025-01-01' AND at < date '2026-01-01'));
				INSERT INTO events_2025 SELECT g, date '2025-01-01' + g % 300 FROM generate_series(1, 3000) g;
				ANALYZE events_2024;
				ANALYZE events_2025;
				""");
		assertThat(LauncherRun.of(files.environment(this.database), "migrate").code()).isZero();
		files.add("5", "attach", """
				ALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
				ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
				""");
		LauncherRun run = lint(files, "--json");
		assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
		List<JsonNode> scans = findings(run).stream()
			.filter((f) -> f.get("code").asString().equals("validating-scan"))
			.toList();
		assertThat(scans).as(run.out()).hasSize(1);
		JsonNode scan = scans.get(0);
		assertThat(scan.get("line").asInt()).isEqualTo(1);
		assertThat(scan.get("table").asString()).isEqualTo("public.events_2024");
		assertThat(scan.get("severity").asString()).isEqualTo("error");
		assertThat(scan.get("lock").asString()).isEqualTo("AccessExclusiveLock");
		assertThat(scan.get("fix").asString()).contains("CHECK constraint that matches the partition's bounds");
	}

	@Test
	void aStatementWithAFindingOfItsOwnIsNotCountedUnderAnEarlierLock() {
		MigrationFiles files = withOrders(100).add("5", "indexes_then_rewrite", """
				CREATE INDEX orders_by_amount ON orders (amount);
				CREATE INDEX orders_by_email ON orders (email);
				ALTER TABLE orders ALTER COLUMN amount TYPE bigint;
				""").add("6", "widen_then_rewrite", """
				ALTER TABLE orders ALTER COLUMN email TYPE varchar(200);
				ALTER TABLE orders ALTER COLUMN note TYPE varchar(50);
				""");
		LauncherRun run = lint(files, "--json");
		List<String> found = findings(run).stream()
			.map((f) -> f.get("version").asString() + ":" + f.get("code").asString() + "@" + f.get("line").asInt())
			.toList();
		assertThat(found).as(run.out())
			.contains("5:index-without-concurrently@1", "5:index-without-concurrently@2", "5:rewrite@3", "6:rewrite@2",
					"6:brief-exclusive-lock@1")
			.noneMatch((finding) -> finding.contains("statements-under-lock"));
	}

	@Test
	void setNotNullIsJudgedByWhetherPostgreSqlScannedTheTable() {
		MigrationFiles files = withOrders(2000).add("4.1", "proof",
				"ALTER TABLE orders ADD CONSTRAINT email_present CHECK (email IS NOT NULL AND email <> '');");
		assertThat(LauncherRun.of(files.environment(this.database), "migrate").code()).isZero();
		files.add("5", "not_null", "ALTER TABLE orders ALTER COLUMN email SET NOT NULL;")
			.add("6", "scan", "ALTER TABLE orders ALTER COLUMN note SET NOT NULL;");
		LauncherRun run = lint(files, "--json");
		JsonNode migrations = Json.read(run.out()).get("migrations");
		assertThat(migrations.get(0).get("findings").toString()).as(run.out()).doesNotContain("set-not-null-scan");
		assertThat(migrations.get(1).get("findings").toString()).contains("set-not-null-scan");
		assertThat(run.out() + run.err()).doesNotContain("verifying table", "sufficient to prove");
	}

	@Test
	void aDroppedTableNamesTheLockItTakes() {
		MigrationFiles files = withOrders(100).add("5", "drop", "DROP TABLE orders;");
		LauncherRun run = lint(files, "--json");
		assertThat(findings(run)).filteredOn((f) -> f.get("code").asString().equals("drop-table"))
			.singleElement()
			.satisfies((f) -> {
				assertThat(f.get("lock").asString()).isEqualTo("AccessExclusiveLock");
				assertThat(f.get("blocks").toString()).isEqualTo("[\"reads\",\"writes\"]");
			});
		assertThat(lint(files).out()).containsPattern("    in the target: 100 rows, [0-9.]+ kB \\([0-9]+ bytes\\)\n");
	}

	@Test
	void aLockedTableKeepsTheRowsItsStatisticsGive() {
		MigrationFiles files = withOrders(100).add("5", "index", "CREATE INDEX orders_amount ON orders (amount);");
		Map<String, String> environment = files.environment(this.database);
		environment.put("MIGRATION_LOCK_TIMEOUT", "1s");
		whileLocked("orders", () -> {
			LauncherRun run = LauncherRun.of(environment, "lint", "--json");
			assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
			assertThat(findings(run)).filteredOn((f) -> f.get("code").asString().equals("index-without-concurrently"))
				.singleElement()
				.satisfies((f) -> {
					assertThat(f.get("severity").asString()).isEqualTo("error");
					assertThat(f.get("rows").asLong()).isEqualTo(100);
					assertThat(f.get("bytes").isNull()).as("the size, which locks the table").isTrue();
				});
		});
	}

	@Test
	void aTableNeverAnalyzedThatHasRowsIsAnErrorThatSaysWhy() {
		MigrationFiles files = files().add("4", "orders", "CREATE TABLE orders (id int, amount int);\n"
				// Fewer rows than autovacuum's analyze threshold (50): never analyzed while the test runs.
				+ "INSERT INTO orders SELECT g, g FROM generate_series(1, 10) g;");
		assertThat(LauncherRun.of(files.environment(this.database), "migrate").code()).isZero();
		files.add("5", "index", "CREATE INDEX orders_amount ON orders (amount);");
		assertThat(findings(lint(files, "--json")))
			.filteredOn((f) -> f.get("code").asString().equals("index-without-concurrently"))
			.singleElement()
			.satisfies((f) -> {
				assertThat(f.get("severity").asString()).isEqualTo("error");
				assertThat(f.get("message").asString())
					.endsWith("(the target's table has rows: how many is unknown, it was never analyzed)");
			});
	}

	@Test
	void aTableLockedInTheTargetGetsSizeUnknownWithinTheLockTimeout() throws Exception {
		MigrationFiles files = files().add("4", "orders", "CREATE TABLE orders (id int, amount int);");
		assertThat(LauncherRun.of(files.environment(this.database), "migrate").code()).isZero();
		files.add("5", "index", "CREATE INDEX orders_amount ON orders (amount);");
		Map<String, String> environment = files.environment(this.database);
		environment.put("MIGRATION_LOCK_TIMEOUT", "1s");
		whileLocked("orders", () -> {
			long start = System.nanoTime();
			LauncherRun run = LauncherRun.of(environment, "lint", "--json");
			assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(30));
			assertThat(findings(run)).filteredOn((f) -> f.get("code").asString().equals("index-without-concurrently"))
				.singleElement()
				.satisfies((f) -> {
					assertThat(f.get("severity").asString()).isEqualTo("warning");
					assertThat(f.get("message").asString()).contains("its rows in the target are unknown");
				});
		});
	}

}
