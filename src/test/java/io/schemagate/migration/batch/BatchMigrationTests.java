package io.schemagate.migration.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.support.Json;
import io.schemagate.support.LauncherProcess;
import io.schemagate.support.LauncherRun;
import io.schemagate.support.MigrationFiles;
import io.schemagate.support.TestDatabase;
import io.schemagate.support.TestPostgres;

/**
 * MIGRATION_BATCH=true against a real PostgreSQL: what the batch applies is what Flyway
 * would have applied, recorded as Flyway records it; a failure leaves nothing behind; and
 * every file the batch cannot send as it is goes to Flyway's group mode instead.
 */
@ExtendWith(OutputCaptureExtension.class)
class BatchMigrationTests {

	@TempDir
	Path migrations;

	/** The last command run, with what it printed. */
	private LauncherRun last;

	private int run(TestDatabase database, Map<String, String> extra, String... args) {
		Map<String, String> environment = database.environment();
		environment.put("SPRING_FLYWAY_LOCATIONS", files().alone());
		environment.putAll(extra);
		this.last = LauncherRun.of(environment, args);
		return this.last.code();
	}

	private int migrateInBatch(TestDatabase database, String... args) {
		return run(database, Map.of("MIGRATION_BATCH", "true"), Stream.concat(Stream.of("migrate"), Stream.of(args))
			.toArray(String[]::new));
	}

	private MigrationFiles files() {
		return new MigrationFiles(this.migrations);
	}

	private void write(String file, String sql) {
		files().write(file, sql);
	}

	/** Files that use what a migration may hold: several statements, quotes, a function body, a repeatable. */
	private void writeTypicalRelease() {
		write("V1__create_accounts.sql", """
				-- Accounts; this comment has a semicolon; and a '?' and {fn now()}
				CREATE TABLE accounts (id bigint PRIMARY KEY, name text NOT NULL, note text DEFAULT '{d ''2020-01-01''}');
				CREATE INDEX accounts_name_idx ON accounts (name);
				INSERT INTO accounts (id, name) VALUES (1, 'first; not the end of a statement'), (2, 'what?');
				/* a block comment /* with a nested one; */ and a semicolon; */
				INSERT INTO accounts (id, name) VALUES (3, E'it\\'s; escaped'), (4, $tag$dollar; quoted$tag$);
				""");
		write("V1_1__add_balance.sql", "ALTER TABLE accounts ADD COLUMN balance numeric(12, 2) NOT NULL DEFAULT 0;\n");
		write("V2__count_function.sql", """
				CREATE FUNCTION account_count() RETURNS bigint LANGUAGE plpgsql AS $$
				DECLARE
				    n bigint;
				BEGIN
				    SELECT count(*) INTO n FROM accounts;
				    RETURN n;
				END
				$$;
				""");
		write("R__account_names.sql", "CREATE OR REPLACE VIEW account_names AS SELECT name FROM accounts;\n");
		// A description longer than the history's column: Flyway shortens it.
		write("V3__" + "a_description_longer_than_two_hundred_characters_".repeat(5) + ".sql",
				"COMMENT ON TABLE accounts IS 'accounts';\n");
	}

	/** The history as Flyway reads it, without what differs between two runs (when, how long). */
	private static List<String> history(TestDatabase database) {
		return database.queryColumn("SELECT (installed_rank, version, description, type, script, checksum,"
				+ " installed_by, success)::text FROM flyway_schema_history ORDER BY installed_rank");
	}

	/** The schema's tables, columns, indexes, functions and views, and the accounts' rows. */
	private static List<String> schema(TestDatabase database) {
		return database.queryColumn("SELECT x FROM ("
				+ " SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || coalesce(column_default, '') AS x"
				+ " FROM information_schema.columns WHERE table_schema = 'public'"
				+ " UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'"
				+ " UNION ALL SELECT proname || ':' || prosrc FROM pg_proc WHERE pronamespace = 'public'::regnamespace"
				+ " UNION ALL SELECT viewname || ':' || definition FROM pg_views WHERE schemaname = 'public'"
				+ " UNION ALL SELECT 'account ' || id || ' ' || name FROM accounts) s ORDER BY x");
	}

	@Test
	void appliesEveryPendingMigrationInOneBatchAsFlywayWouldHave() {
		writeTypicalRelease();
		TestDatabase batched = TestDatabase.create();
		TestDatabase byFlyway = TestDatabase.create();
		assertThat(migrateInBatch(batched)).as(this.last.err()).isZero();
		assertThat(this.last.out()).matches("applied 5 migrations in one batch \\(schema empty -> 3\\) in [0-9.]+s\\n");
		assertThat(run(byFlyway, Map.of("SPRING_FLYWAY_GROUP", "true"), "migrate")).as(this.last.err()).isZero();
		assertThat(this.last.out()).startsWith("applied 5 migrations (schema empty -> 3)");

		assertThat(history(batched)).hasSize(5).isEqualTo(history(byFlyway));
		assertThat(schema(batched)).contains("account 1 first; not the end of a statement", "account 2 what?",
				"account 3 it's; escaped", "account 4 dollar; quoted")
			.isEqualTo(schema(byFlyway));
		assertThat(batched.queryColumn("SELECT account_count()")).containsExactly("4");
		// Flyway's own checks accept the batch's history as its own.
		assertThat(run(batched, Map.of(), "validate")).as(this.last.out() + this.last.err()).isZero();
		assertThat(run(batched, Map.of(), "status", "--check")).as(this.last.out()).isZero();
		assertThat(migrateInBatch(batched)).isZero();
		assertThat(this.last.out()).startsWith("nothing to apply: schema is at version 3");
	}

	@Test
	void migratesIntoASchemaFlywayCreatesFirst() {
		writeTypicalRelease();
		TestDatabase batched = TestDatabase.create();
		TestDatabase byFlyway = TestDatabase.create();
		Map<String, String> ledger = Map.of("SPRING_FLYWAY_SCHEMAS", "ledger");
		Map<String, String> ledgerInBatch = Map.of("SPRING_FLYWAY_SCHEMAS", "ledger", "MIGRATION_BATCH", "true");
		assertThat(run(batched, ledgerInBatch, "migrate")).as(this.last.err()).isZero();
		assertThat(this.last.out()).startsWith("applied 5 migrations in one batch (schema empty -> 3)");
		assertThat(run(byFlyway, Map.of("SPRING_FLYWAY_SCHEMAS", "ledger", "SPRING_FLYWAY_GROUP", "true"), "migrate"))
			.as(this.last.err())
			.isZero();
		String history = "SELECT (installed_rank, version, description, type, script, checksum, installed_by, success)::text"
				+ " FROM ledger.flyway_schema_history ORDER BY installed_rank";
		assertThat(batched.queryColumn(history)).hasSize(6)
			.first()
			.asString()
			.contains("<< Flyway Schema Creation >>");
		assertThat(batched.queryColumn(history)).isEqualTo(byFlyway.queryColumn(history));
		assertThat(batched.queryColumn("SELECT count(*) FROM ledger.accounts")).containsExactly("4");
		assertThat(run(batched, ledger, "validate")).as(this.last.out() + this.last.err()).isZero();
	}

	@Test
	void planSaysWhetherTheBatchWouldApplyTheRun() {
		writeTypicalRelease();
		TestDatabase database = TestDatabase.create();
		assertThat(run(database, Map.of("MIGRATION_BATCH", "true"), "plan")).as(this.last.err()).isZero();
		assertThat(this.last.out()).contains("\nMIGRATION_BATCH: all in one transaction, in one batch\n",
				"-- V1 create_accounts (V1__create_accounts.sql), in the run's one transaction\n");
		write("V4__placed.sql", "CREATE TABLE ${table} (id int);\n");
		assertThat(run(database, Map.of("MIGRATION_BATCH", "true", "SPRING_FLYWAY_PLACEHOLDERS_TABLE", "placed"), "plan",
				"--json"))
			.as(this.last.err())
			.isZero();
		assertThat(Json.read(this.last.out()).get("batch").asString()).isEqualTo(
				"by Flyway, one migration after another in one transaction, since V4 placed has placeholders"
						+ " (${name}) to replace");
		assertThat(run(database, Map.of("SPRING_FLYWAY_PLACEHOLDERS_TABLE", "placed"), "plan")).isZero();
		assertThat(this.last.out()).doesNotContain("MIGRATION_BATCH").contains("), in its own transaction\n");
		assertThat(database.hasTable("flyway_schema_history")).isFalse();
	}

	@Test
	void reportsTheBatchInJsonAndMeasuresEachMigration() {
		write("V1__slow.sql", "CREATE TABLE slow (id int);\nSELECT pg_sleep(0.3);\n");
		write("V2__quick.sql", "CREATE TABLE quick (id int);\n");
		TestDatabase database = TestDatabase.create();
		assertThat(migrateInBatch(database, "--json")).as(this.last.err()).isZero();
		JsonNode summary = Json.read(this.last.out());
		assertThat(summary.get("applied").asInt()).isEqualTo(2);
		assertThat(summary.get("batched").asBoolean()).isTrue();
		assertThat(summary.get("to_version").asString()).isEqualTo("2");
		// Each row has its own migration's time, not a share of the batch's.
		List<Integer> took = database
			.queryColumn("SELECT execution_time FROM flyway_schema_history ORDER BY installed_rank")
			.stream()
			.map(Integer::valueOf)
			.toList();
		assertThat(took).hasSize(2);
		assertThat(took.get(0)).isGreaterThanOrEqualTo(300).isGreaterThan(took.get(1));
	}

	@Test
	void reappliesAChangedRepeatableMigrationInTheBatch() {
		writeTypicalRelease();
		TestDatabase database = TestDatabase.create();
		assertThat(migrateInBatch(database)).as(this.last.err()).isZero();
		write("R__account_names.sql", "CREATE OR REPLACE VIEW account_names AS SELECT name, balance FROM accounts;\n");
		assertThat(migrateInBatch(database)).as(this.last.err()).isZero();
		assertThat(this.last.out()).startsWith("applied 1 migration in one batch (schema 3 -> 3)");
		assertThat(database.queryColumn("SELECT count(*) FROM flyway_schema_history WHERE script = 'R__account_names.sql'"))
			.containsExactly("2");
		assertThat(database.queryColumn("SELECT balance FROM account_names WHERE name = 'what?'")).containsExactly("0.00");
		assertThat(run(database, Map.of(), "validate")).as(this.last.out() + this.last.err()).isZero();
	}

	@Test
	void aFailingMigrationLeavesTheSchemaAndTheHistoryAsTheyWere() {
		write("V1__first.sql", "CREATE TABLE first_table (id int);\n");
		TestDatabase database = TestDatabase.create();
		assertThat(run(database, Map.of(), "migrate")).isZero();
		write("V2__second.sql", "CREATE TABLE second_table (id int);\nINSERT INTO first_table VALUES (1);\n");
		write("V3__broken.sql", "CREATE TABLE third_table (id int);\nCREATE TABLE oops (;\n");
		String before = database.snapshot();

		assertThat(migrateInBatch(database)).isEqualTo(65);
		assertThat(this.last.err().strip()).startsWith("error: migration V3 broken failed: ERROR: syntax error at or near \";\"")
			.endsWith("the one transaction of this run was rolled back, so none of its migrations was applied")
			.doesNotContain("\n");
		assertThat(database.snapshot()).isEqualTo(before);
		assertThat(database.appliedVersions()).containsExactly("1");
	}

	@Test
	void namesTheFailingMigrationAmongManyRoundTrips() {
		for (int version = 1; version <= 120; version++) {
			write("V" + version + "__table_" + version + ".sql", (version == 77) ? "CREATE TABLE t77 (id nonsense_type);\n"
					: "CREATE TABLE t" + version + " (id int);\n");
		}
		TestDatabase database = TestDatabase.create();
		assertThat(migrateInBatch(database)).isEqualTo(65);
		assertThat(this.last.err()).startsWith("error: migration V77 table_77 failed: ERROR: type \"nonsense_type\" does not exist");
		assertThat(database.hasTable("t1")).isFalse();
		assertThat(database.appliedVersions()).isEmpty();

		write("V77__table_77.sql", "CREATE TABLE t77 (id int);\n");
		assertThat(migrateInBatch(database)).as(this.last.err()).isZero();
		assertThat(this.last.out()).startsWith("applied 120 migrations in one batch (schema empty -> 120)");
		assertThat(database.queryColumn("SELECT string_agg(installed_rank || ':' || version, ',' ORDER BY installed_rank)"
				+ " FROM flyway_schema_history")).containsExactly(IntStream.rangeClosed(1, 120)
					.mapToObj((rank) -> rank + ":" + rank)
					.collect(Collectors.joining(",")));
	}

	@Test
	void aFileThatChangesTheRoleUnseenFailsTheRunAndIsNamed() {
		write("V1__first.sql", "CREATE TABLE first_table (id int);\n");
		// Nothing in the file reads as a change of the role; the role changes all the same.
		write("V2__become.sql", """
				CREATE FUNCTION become(name text) RETURNS void LANGUAGE plpgsql AS $$
				BEGIN
				    EXECUTE format('SET %s %I', 'ROLE', name);
				END
				$$;
				SELECT become('pg_read_all_data');
				""");
		write("V3__third.sql", "CREATE TABLE third_table (id int);\n");
		TestDatabase database = TestDatabase.create();
		assertThat(migrateInBatch(database)).isEqualTo(65);
		assertThat(this.last.err().strip()).isEqualTo("error: migration V2 become failed: it changed the session's role,"
				+ " search_path or standard_conforming_strings, which Flyway resets after each migration and the batch"
				+ " cannot (apply this release without MIGRATION_BATCH=true); the one transaction of this run was rolled"
				+ " back, so none of its migrations was applied");
		assertThat(database.hasTable("first_table")).isFalse();
		assertThat(database.hasTable("third_table")).isFalse();
		assertThat(database.appliedVersions()).isEmpty();
	}

	@Test
	void aFileThatSilencesTheMarksFailsTheRunAndIsNamed() {
		write("V1__first.sql", "CREATE TABLE first_table (id int);\n");
		write("V2__quiet.sql", "DO $$BEGIN EXECUTE 'SET LOCAL client_' || 'min_messages = warning'; END$$;\n");
		write("V3__third.sql", "CREATE TABLE third_table (id int);\n");
		TestDatabase database = TestDatabase.create();
		assertThat(migrateInBatch(database)).isEqualTo(65);
		assertThat(this.last.err()).startsWith("error: migration V2 quiet failed: the file sent no mark back: it silenced the"
				+ " server's notices");
		assertThat(database.hasTable("first_table")).isFalse();
		assertThat(database.appliedVersions()).isEmpty();
	}

	@Test
	void aHistoryThatRefusesTheRowsLeavesNothingApplied() {
		write("V1__guard_history.sql", """
				CREATE FUNCTION refuse_rows() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				    RAISE EXCEPTION 'history is read-only here';
				END
				$$;
				CREATE TRIGGER refuse_rows BEFORE INSERT ON flyway_schema_history FOR EACH ROW EXECUTE FUNCTION refuse_rows();
				""");
		TestDatabase database = TestDatabase.create();
		assertThat(migrateInBatch(database)).isEqualTo(65);
		assertThat(this.last.err().strip()).isEqualTo("error: migration failed: ERROR: history is read-only here");
		assertThat(database.queryColumn("SELECT count(*) FROM pg_trigger WHERE tgname = 'refuse_rows'"))
			.containsExactly("0");
	}

	/**
	 * A file the batch cannot send as it is (with the files beside it), and what proves
	 * Flyway applied it in its stead.
	 */
	record Unbatchable(String name, Map<String, String> files, Map<String, String> environment, String reason,
			String proof, String byFlyway) {

		/** Flyway's usual way instead: one migration after another in the run's one transaction. */
		private static final String IN_ONE_TRANSACTION = "one migration after another in one transaction";

		Unbatchable(String name, Map<String, String> files, Map<String, String> environment, String reason,
				String proof) {
			this(name, files, environment, reason, proof, IN_ONE_TRANSACTION);
		}

		Unbatchable(String name, String file, String sql, String reason, String proof) {
			this(name, Map.of(file, sql), Map.of(), reason, proof);
		}

		Unbatchable(String name, String file, String sql, String reason, String proof, String byFlyway) {
			this(name, Map.of(file, sql), Map.of(), reason, proof, byFlyway);
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

	static Stream<Unbatchable> unbatchable() {
		return Stream.of(
				new Unbatchable("placeholders", Map.of("V2__placed.sql", "CREATE TABLE ${table} (id int);\n"),
						Map.of("SPRING_FLYWAY_PLACEHOLDERS_TABLE", "placed"),
						"V2 placed has placeholders (${name}) to replace", "SELECT to_regclass('placed') IS NOT NULL"),
				new Unbatchable("COPY from stdin", "V2__copied.sql", """
						CREATE TABLE copied (id int, name text);
						COPY copied (id, name) FROM STDIN;
						1	one
						2	two
						\\.
						""", "V2 copied copies data from stdin", "SELECT count(*) = 2 FROM copied"),
				new Unbatchable("SET ROLE", "V2__role.sql", "SET ROLE postgres;\nCREATE TABLE role_set (id int);\n",
						"V2 role may change the session's role, search_path or settings (SET ROLE), which Flyway"
								+ " resets after each migration",
						"SELECT to_regclass('role_set') IS NOT NULL"),
				new Unbatchable("SET ROLE in a DO block", "V2__role_in_do.sql", """
						DO $$BEGIN EXECUTE 'SET ROLE ' || quote_ident(current_user); END$$;
						CREATE TABLE role_in_do (id int);
						""", "V2 role_in_do may change the session's role, search_path or settings (SET ROLE), which"
								+ " Flyway resets after each migration",
						"SELECT to_regclass('role_in_do') IS NOT NULL"),
				new Unbatchable("a quoted search_path after a comment", "V2__quoted_path.sql",
						"SET /* the schema */ \"search_path\" = public;\nCREATE TABLE quoted_path (id int);\n",
						"V2 quoted_path may change the session's role, search_path or settings (SET search_path),"
								+ " which Flyway resets after each migration",
						"SELECT to_regclass('quoted_path') IS NOT NULL"),
				new Unbatchable("RESET ALL", "V2__reset.sql", "-- back to the defaults\nRESET ALL;\nCREATE TABLE reset_all (id int);\n",
						"V2 reset may change the session's role, search_path or settings (RESET ALL), which Flyway"
								+ " resets after each migration",
						"SELECT to_regclass('reset_all') IS NOT NULL"),
				new Unbatchable("set_config", "V2__path.sql",
						"SELECT set_config(E'search_path', 'public', false);\nCREATE TABLE path_set (id int);\n",
						"V2 path may change the session's role, search_path or settings (set_config of search_path),"
								+ " which Flyway resets after each migration",
						"SELECT to_regclass('path_set') IS NOT NULL"),
				new Unbatchable("a file that ends inside a comment", "V2__unterminated.sql",
						"CREATE TABLE unterminated (id int);\n/* an old version, never closed\nDROP TABLE unterminated;\n",
						"V2 unterminated ends inside a comment or a quoted string, which would take in what the batch"
								+ " sends after it",
						"SELECT to_regclass('unterminated') IS NOT NULL"),
				new Unbatchable("standard_conforming_strings off",
						Map.of("V2__read_otherwise.sql", "CREATE TABLE read_otherwise (id int);\n"),
						Map.of("SPRING_FLYWAY_INIT_SQLS", "SET standard_conforming_strings = off"),
						"standard_conforming_strings is off in Flyway's session, and the batch checks the files as"
								+ " read with it on",
						"SELECT to_regclass('read_otherwise') IS NOT NULL"),
				new Unbatchable("COMMIT", "V2__committed.sql", "CREATE TABLE committed (id int);\nCOMMIT;\n",
						"V2 committed controls its transaction (COMMIT), which the batch shares with the other files",
						"SELECT to_regclass('committed') IS NOT NULL"),
				new Unbatchable("BEGIN ATOMIC", "V2__atomic.sql", """
						CREATE FUNCTION first_count() RETURNS bigint LANGUAGE sql
						BEGIN /* a comment */ ATOMIC
						    SELECT count(*) FROM first_table;
						END;
						CREATE TABLE after_function (id int);
						""", "V2 atomic has a BEGIN ATOMIC body, which only Flyway's parser splits from the statements"
								+ " around it", "SELECT first_count() = 0"),
				new Unbatchable("a callback around each migration",
						Map.of("beforeEachMigrate__mark.sql", "CREATE TABLE IF NOT EXISTS callback_ran (id int);\n",
								"V2__plain.sql", "CREATE TABLE plain (id int);\n"),
						Map.of(), "the callback beforeEachMigrate__mark.sql runs around migrations",
						"SELECT to_regclass('callback_ran') IS NOT NULL"),
				new Unbatchable("CREATE INDEX CONCURRENTLY", "V2__index.sql",
						"CREATE INDEX CONCURRENTLY first_id_idx ON first_table (id);\n",
						"V2 index must run outside a transaction",
						"SELECT indisvalid FROM pg_index WHERE indexrelid = 'first_id_idx'::regclass",
						"each migration outside a transaction"),
				new Unbatchable("a script configuration",
						Map.of("V2__configured.sql", "CREATE TABLE configured (id int);\n", "V2__configured.sql.conf",
								"executeInTransaction=false\n"),
						Map.of(), "V2 configured has a script configuration (.conf)",
						"SELECT to_regclass('configured') IS NOT NULL", "each migration outside a transaction"));
	}

	@ParameterizedTest
	@MethodSource("unbatchable")
	void flywayAppliesWhatTheBatchCannotSendAsItIs(Unbatchable unbatchable, CapturedOutput output) {
		write("V1__first.sql", "CREATE TABLE first_table (id int);\n");
		TestDatabase database = TestDatabase.create();
		assertThat(run(database, Map.of(), "migrate")).isZero();
		unbatchable.files().forEach(this::write);
		Map<String, String> environment = new HashMap<>(unbatchable.environment());
		environment.put("MIGRATION_BATCH", "true");

		assertThat(run(database, environment, "migrate")).as(this.last.err()).isZero();
		assertThat(this.last.out()).startsWith("applied 1 migration (schema 1 -> 2)");
		assertThat(output.toString()).contains("batch: " + unbatchable.reason() + "; Flyway applies the run instead, "
				+ unbatchable.byFlyway());
		assertThat(database.queryColumn(unbatchable.proof())).containsExactly("t");
		assertThat(database.appliedVersions()).containsExactly("1", "2");
	}

	@Test
	void callbacksInTheirOwnLocationCountToo(CapturedOutput output) throws IOException {
		Path folder = Files.createDirectories(this.migrations.resolveSibling(this.migrations.getFileName() + "-callbacks"));
		MigrationFiles callbacks = new MigrationFiles(folder).write("afterEachMigrate.sql",
				"CREATE TABLE IF NOT EXISTS after_each (id int);\n");
		write("V1__first.sql", "CREATE TABLE first_table (id int);\n");
		TestDatabase database = TestDatabase.create();
		assertThat(run(database, Map.of("MIGRATION_BATCH", "true", "SPRING_FLYWAY_CALLBACK_LOCATIONS",
				callbacks.alone()), "migrate")).as(this.last.err()).isZero();
		assertThat(output.toString()).contains("batch: the callback afterEachMigrate.sql runs around migrations");
		assertThat(database.hasTable("after_each")).isTrue();
	}

	@Test
	void aHistoryWithAFailedMigrationIsLeftToFlywayEvenWithoutValidation() {
		write("V1__first.sql", "CREATE TABLE first_table (id int);\n");
		write("V2__index.sql", "CREATE INDEX CONCURRENTLY missing_idx ON no_such_table (id);\n");
		TestDatabase database = TestDatabase.create();
		assertThat(run(database, Map.of(), "migrate")).isEqualTo(65);
		write("V2__index.sql", "CREATE INDEX CONCURRENTLY first_id_idx ON first_table (id);\n");
		write("V3__third.sql", "CREATE TABLE third_table (id int);\n");

		assertThat(run(database, Map.of("MIGRATION_BATCH", "true", "SPRING_FLYWAY_VALIDATE_ON_MIGRATE", "false"),
				"migrate")).isEqualTo(65);
		assertThat(this.last.err()).contains("contains a failed migration to version 2");
		assertThat(database.hasTable("third_table")).isFalse();
	}

	@Test
	void splitsALargeFileIntoARoundTripOfItsOwn() {
		StringBuilder rows = new StringBuilder("CREATE TABLE big (id int, filler text);\n");
		for (int id = 1; id <= 3000; id++) {
			rows.append("INSERT INTO big VALUES (").append(id).append(", '").append("x".repeat(90)).append("');\n");
		}
		write("V1__small.sql", "CREATE TABLE small (id int);\n");
		write("V2__big.sql", rows.toString());
		write("V3__after.sql", "INSERT INTO small SELECT count(*) FROM big;\n");
		TestDatabase database = TestDatabase.create();
		assertThat(migrateInBatch(database)).as(this.last.err()).isZero();
		assertThat(this.last.out()).startsWith("applied 3 migrations in one batch");
		assertThat(database.queryColumn("SELECT id FROM small")).containsExactly("3000");
	}

	@Test
	void flywaysGroupModeAlsoLeavesNothingWhenAMigrationFails() {
		write("V1__first.sql", "CREATE TABLE first_table (id int);\n");
		write("V2__broken.sql", "CREATE TABLE oops (;\n");
		TestDatabase database = TestDatabase.create();
		assertThat(run(database, Map.of("SPRING_FLYWAY_GROUP", "true"), "migrate")).isEqualTo(65);
		assertThat(database.hasTable("first_table")).isFalse();
		assertThat(database.appliedVersions()).isEmpty();
	}

	@Test
	void aMigrationOutsideATransactionAmongOthersIsRefusedAsByFlywaysGroupMode(CapturedOutput output) {
		write("V1__first.sql", "CREATE TABLE first_table (id int);\n");
		write("V2__index.sql", "CREATE INDEX CONCURRENTLY first_id_idx ON first_table (id);\n");
		TestDatabase database = TestDatabase.create();

		assertThat(run(database, Map.of("MIGRATION_BATCH", "true"), "plan")).isZero();
		assertThat(this.last.out()).contains("\nMIGRATION_BATCH: refused: V2 index must run outside a transaction; migrate would"
				+ " apply nothing (exit 65): apply this release without MIGRATION_BATCH\n");
		assertThat(migrateInBatch(database)).isEqualTo(65);
		assertThat(this.last.err().strip()).isEqualTo("error: a migration of this run must run outside a transaction"
				+ " (\"2 index\" [non-transactional]), and MIGRATION_BATCH=true puts the whole run in"
				+ " one; nothing was applied. Apply this release without MIGRATION_BATCH=true");
		// The log does not first promise that Flyway would apply what it then refuses.
		assertThat(output.toString()).doesNotContain("Flyway applies the run instead");
		assertThat(database.appliedVersions()).isEmpty();
		assertThat(database.hasTable("first_table")).isFalse();
	}

	/** Flyway as another tool runs it, with its own lock and defaults, applying only V1: slowly. */
	private CompletableFuture<Integer> migrateSlowlyElsewhere(TestDatabase database) {
		write("V1__slow.sql", "CREATE TABLE slow_table (id int);\nSELECT pg_sleep(3);\n");
		Flyway elsewhere = Flyway.configure()
			.dataSource(database.jdbcUrl(), TestPostgres.ADMIN_USER, TestPostgres.ADMIN_PASSWORD)
			.locations(files().alone())
			.target("1")
			.load();
		CompletableFuture<Integer> applied = CompletableFuture.supplyAsync(() -> elsewhere.migrate().migrationsExecuted);
		LauncherProcess.await(Duration.ofSeconds(30), () -> database.isRunning("pg_sleep(3)"), () -> "running V1 elsewhere");
		return applied;
	}

	@Test
	void waitsForAFlywayRunElsewhereAndLeavesWhatItWroteToFlyway(CapturedOutput output) throws Exception {
		write("V2__after.sql", "CREATE TABLE after_table (id int);\n");
		TestDatabase database = TestDatabase.create();
		CompletableFuture<Integer> applied = migrateSlowlyElsewhere(database);

		// Waiting for Flyway's lock is bounded by MIGRATION_LOCK_WAIT, not by a statement's lock_timeout.
		assertThat(run(database, Map.of("MIGRATION_BATCH", "true", "MIGRATION_LOCK_TIMEOUT", "1s"), "migrate"))
			.as(this.last.err())
			.isZero();
		assertThat(applied.get()).isEqualTo(1);
		assertThat(output.toString()).contains("waiting for Flyway's migration lock, held by pid", "changed since this run read it");
		assertThat(this.last.out()).startsWith("applied 1 migration (schema 1 -> 2)");
		assertThat(database.historyRowsPerVersion()).isEqualTo(Map.of("1", 1, "2", 1));
	}

	@Test
	void givesUpOnAFlywayRunElsewhereAfterMigrationLockWait() throws Exception {
		write("V2__after.sql", "CREATE TABLE after_table (id int);\n");
		TestDatabase database = TestDatabase.create();
		CompletableFuture<Integer> applied = migrateSlowlyElsewhere(database);

		assertThat(run(database, Map.of("MIGRATION_BATCH", "true", "MIGRATION_LOCK_WAIT", "1s"), "migrate"))
			.isEqualTo(75);
		assertThat(this.last.err().strip()).matches("error: a Flyway run elsewhere \\(pid [0-9]+, application_name '.*'\\) held"
				+ " Flyway's migration lock for longer than MIGRATION_LOCK_WAIT=1s; wait for it to finish, or stop it,"
				+ " then run migrate again");
		assertThat(applied.get()).isEqualTo(1);
		assertThat(database.appliedVersions()).containsExactly("1");
		assertThat(database.hasTable("after_table")).isFalse();
	}

	@Test
	void doesNothingDifferentWithoutMigrationBatch(CapturedOutput output) {
		writeTypicalRelease();
		TestDatabase database = TestDatabase.create();
		assertThat(run(database, Map.of(), "migrate")).isZero();
		assertThat(this.last.out()).startsWith("applied 5 migrations (schema empty -> 3)");
		assertThat(output.toString()).doesNotContain("batch:");
	}

}
