package io.schemagate.lint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.support.FaultReport;
import io.schemagate.support.LauncherProcess;
import io.schemagate.support.MigrationFiles;
import io.schemagate.support.TestDatabase;

/** lint as real processes: stopped mid-trace, and two at once on one target. */
@ExtendWith(FaultReport.class)
class LintProcessTests {

	private static final Duration LIMIT = Duration.ofSeconds(90);

	private static final Pattern MADE = Pattern.compile("made the scratch database (schemagate_shadow_\\w+)");

	@TempDir
	Path folder;

	private static List<String> shadows(TestDatabase database) {
		return database.queryColumn("SELECT datname FROM pg_database WHERE datname LIKE 'schemagate\\_shadow\\_%'");
	}

	private static String shadowOf(LauncherProcess lint) {
		Matcher made = MADE.matcher(lint.stderr());
		assertThat(made.find()).as(lint.stderr()).isTrue();
		return made.group(1);
	}

	/** V4 pending: an index without CONCURRENTLY on expenses, which has a row: an error. */
	private Map<String, String> indexPendingOnExpensesWithRows(TestDatabase database) {
		database.execute("INSERT INTO expenses (description, amount, currency, spent_on) VALUES ('a', 1, 'EUR', '2026-01-01')");
		return new MigrationFiles(this.folder).add("4", "index", "CREATE INDEX expenses_amount ON expenses (amount);")
			.environment(database);
	}

	@Test
	@FaultReport.Scenario(value = "SIGTERM while lint traces a slow migration",
			expected = "exit 143 within seconds; the scratch database is dropped; the target unchanged")
	void sigtermMidTraceDropsTheScratchDatabase() {
		TestDatabase database = LauncherProcess.migratedDatabase();
		Map<String, String> environment = new MigrationFiles(this.folder)
			.add("4", "slow", "CREATE TABLE slow_made (id int);\nSELECT pg_sleep(60);")
			.environment(database);
		String before = database.snapshot();
		try (LauncherProcess lint = LauncherProcess.start(environment, "lint")) {
			lint.awaitCondition(LIMIT, () -> database.isRunning("pg_sleep(60)"), "tracing the slow migration");
			String shadow = shadowOf(lint);
			long start = System.nanoTime();
			assertThat(lint.terminate(LIMIT)).isEqualTo(143);
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertThat(took).isLessThan(Duration.ofSeconds(10));
			assertThat(shadows(database)).doesNotContain(shadow);
			// The trace ends because lint dropped its own scratch database: no lost-database error.
			assertThat(lint.stderr()).doesNotContain("lost a database connection").doesNotContain("statement-failed");
			assertThat(lint.stdout()).doesNotContain("statement-failed");
			FaultReport.observed("exit 143 in " + took.toMillis() + " ms; " + shadow + " dropped");
		}
		assertThat(database.snapshot()).isEqualTo(before);
	}

	@Test
	@FaultReport.Scenario(value = "serve with RUN_MIGRATIONS=true and MIGRATION_LINT=enforce, an error pending",
			expected = "exit 65 before the port opens, the error at WARN, info at INFO; nothing applied")
	void serveRefusesToMigrateAndNeverListensWhileEnforcedLintFindsAnError() {
		TestDatabase database = LauncherProcess.migratedDatabase();
		Map<String, String> environment = indexPendingOnExpensesWithRows(database);
		environment.put("RUN_MIGRATIONS", "true");
		environment.put("MIGRATION_LINT", "enforce");
		String before = database.snapshot();
		try (LauncherProcess serve = LauncherProcess.start(environment, "serve")) {
			boolean listened = false;
			while (serve.isAlive()) {
				listened |= serve.portIsOpen();
				LauncherProcess.sleep(Duration.ofMillis(50));
			}
			assertThat(serve.waitForExit(LIMIT)).as(serve.output()).isEqualTo(65);
			assertThat(listened).as("the API port opened").isFalse();
			assertThat(serve.stderr()).containsPattern("WARN .*lint: V4__index.sql:1 error index-without-concurrently")
				.containsPattern("INFO .*lint: V4__index.sql info no-undo-file")
				.contains("error: MIGRATION_LINT=enforce: lint found 1 error(s) in the pending migrations, so nothing"
						+ " was applied");
		}
		assertThat(database.snapshot()).isEqualTo(before);
		FaultReport.observed("exit 65, the port never opened, V4 not applied");
	}

	@Test
	@FaultReport.Scenario(value = "two lints at once against one target",
			expected = "each its own scratch database; both report the same findings; both dropped")
	void twoLintsAtOnceEachHaveTheirOwnScratchDatabase() {
		TestDatabase database = LauncherProcess.migratedDatabase();
		Map<String, String> environment = indexPendingOnExpensesWithRows(database);
		try (LauncherProcess first = LauncherProcess.start(environment, "lint");
				LauncherProcess second = LauncherProcess.start(environment, "lint")) {
			assertThat(first.waitForExit(LIMIT)).as(first.output()).isEqualTo(1);
			assertThat(second.waitForExit(LIMIT)).as(second.output()).isEqualTo(1);
			assertThat(shadowOf(first)).isNotEqualTo(shadowOf(second));
			assertThat(first.stdout()).contains("error index-without-concurrently");
			assertThat(second.stdout()).isEqualTo(first.stdout());
			assertThat(shadows(database)).doesNotContain(shadowOf(first), shadowOf(second));
		}
		FaultReport.observed("two scratch databases, the same findings, both dropped");
	}

}
