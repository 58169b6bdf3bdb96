package io.schemagate.drift;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.support.FaultReport;
import io.schemagate.support.Json;
import io.schemagate.support.LauncherRun;
import io.schemagate.support.MigrationFiles;
import io.schemagate.support.TestDatabase;

/** validate --schema: the target's schema against what its applied migrations make. */
@ExtendWith(FaultReport.class)
class SchemaDriftTests {

	@TempDir
	Path folder;

	private final TestDatabase database = TestDatabase.create();

	/** The target migrated with a function of its own (V4), so that a changed body can drift. */
	private Map<String, String> migrated() {
		MigrationFiles files = new MigrationFiles(this.folder).add("4", "total", "CREATE FUNCTION total() RETURNS numeric"
				+ " LANGUAGE sql AS $$ SELECT coalesce(sum(amount), 0) FROM expenses $$;");
		Map<String, String> environment = files.environment(this.database);
		assertThat(LauncherRun.of(environment, "migrate").code()).isZero();
		return environment;
	}

	@Test
	void aSchemaAsItsMigrationsMakeItHasNoDrift() {
		Map<String, String> environment = migrated();
		String before = this.database.snapshot();
		LauncherRun run = LauncherRun.of(environment, "validate", "--schema");
		assertThat(run.code()).as(run.err()).isZero();
		assertThat(run.out()).isEqualTo("no drift: the schema is what its applied migrations make\n");
		assertThat(this.database.snapshot()).isEqualTo(before);
	}

	@Test
	@FaultReport.Scenario(value = "validate --schema while another session holds ACCESS EXCLUSIVE on a table",
			expected = "exit 75 within MIGRATION_LOCK_TIMEOUT, naming it; nothing waits for the lock")
	void aLockedTableIsATemporaryFailureWithinTheLockTimeout() throws Exception {
		Map<String, String> environment = migrated();
		environment.put("MIGRATION_LOCK_TIMEOUT", "1s");
		try (java.sql.Connection holder = this.database.connect();
				java.sql.Statement statement = holder.createStatement()) {
			holder.setAutoCommit(false);
			statement.execute("LOCK TABLE expenses IN ACCESS EXCLUSIVE MODE");
			long start = System.nanoTime();
			LauncherRun run = LauncherRun.of(environment, "validate", "--schema");
			long seconds = (System.nanoTime() - start) / 1_000_000_000L;
			assertThat(run.code()).as(run.err()).isEqualTo(75);
			assertThat(run.err()).contains("could not read the target's schema within MIGRATION_LOCK_TIMEOUT=1s");
			assertThat(seconds).isLessThan(30);
			holder.rollback();
		}
		FaultReport.observed("exit 75 naming MIGRATION_LOCK_TIMEOUT");
	}

	@ParameterizedTest(name = "{0}")
	@FaultReport.Scenario(value = "drift: a hand-made index, a changed default, a dropped constraint, a changed function body, an extra column",
			expected = "validate --schema exits 65 naming the object, what the target has and what the migrations make; the target unchanged")
	@CsvSource(delimiter = '~', textBlock = """
			a hand-made index        ~ CREATE INDEX by_hand ON expenses (currency)                ~ index public.by_hand: the target has it
			a changed default        ~ ALTER TABLE expenses ALTER COLUMN category SET DEFAULT 'misc' ~ column public.expenses.category: the target has
			a dropped constraint     ~ ALTER TABLE expenses DROP CONSTRAINT expenses_amount_check  ~ constraint public.expenses.expenses_amount_check: the migrations make it (CHECK
			a changed function body  ~ CREATE OR REPLACE FUNCTION total() RETURNS numeric LANGUAGE sql AS $$ SELECT 0::numeric $$ ~ function public.total(): the target has
			an extra column          ~ ALTER TABLE expenses ADD COLUMN note text                   ~ column public.expenses.note: the target has it
			""")
	void eachChangeByHandIsReported(String what, String change, String reported) {
		Map<String, String> environment = migrated();
		this.database.execute(change);
		String before = this.database.snapshot();
		LauncherRun run = LauncherRun.of(environment, "validate", "--schema", "--json");
		assertThat(run.code()).as(run.out() + run.err()).isEqualTo(65);
		assertThat(Json.read(run.out()).get("differences").toString()).contains(reported);
		assertThat(this.database.snapshot()).isEqualTo(before);
		FaultReport.observed(what + ": exit 65, " + reported);
	}

	@Test
	void objectsManagedOutsideMigrationsAreIgnoredByName() {
		Map<String, String> environment = migrated();
		this.database.execute("CREATE TABLE tmp_import (id int)");
		assertThat(LauncherRun.of(environment, "validate", "--schema").code()).isEqualTo(65);
		environment.put("SCHEMA_DRIFT_IGNORE", "public.tmp_*");
		LauncherRun ignored = LauncherRun.of(environment, "validate", "--schema");
		assertThat(ignored.code()).as(ignored.out()).isZero();
		environment.put("SCHEMA_DRIFT_IGNORE", "public.tmp_*; DROP TABLE x");
		assertThat(LauncherRun.of(environment, "validate", "--schema").code()).isEqualTo(78);
	}

	@Test
	void lintSaysFirstWhenTheTargetHasDrifted() {
		Map<String, String> environment = migrated();
		this.database.execute("CREATE INDEX by_hand ON expenses (currency)");
		new MigrationFiles(this.folder).add("5", "more", "CREATE TABLE more (id int);");
		LauncherRun lint = LauncherRun.of(environment, "lint");
		assertThat(lint.out()).contains("note: the target has drifted from what its applied migrations make (1"
				+ " difference(s), the first: index public.by_hand: the target has it");
	}

}
