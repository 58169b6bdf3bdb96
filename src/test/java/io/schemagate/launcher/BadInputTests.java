package io.schemagate.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.support.LauncherRun;
import io.schemagate.support.TestDatabase;

/**
 * Every setting with empty, blank, wrong-type, huge, unicode and injection-looking values:
 * each is either taken as documented or refused with exit 78 and one line naming the
 * setting, and the database never changes.
 */
class BadInputTests {

	private static final List<String> VALUES = List.of("", "   ", "abc", "-5", "9".repeat(100_000), "é✓🙂",
			"'; DROP TABLE expenses; --", "$(reboot)", "a\nb");

	/** Settings where empty or blank means "use the default". */
	private static final Set<String> OPTIONAL = Set.of("RUN_MIGRATIONS", "DB_WAIT_TIMEOUT", "MIGRATION_LOCK_WAIT",
			"MIGRATION_LOCK_TIMEOUT", "MIGRATION_STATEMENT_TIMEOUT", "SCHEMA_CHECK", "SCHEMA_CHECK_INTERVAL",
			"LOG_FORMAT", "MIGRATION_BATCH", "MIGRATION_DATABASE_URL", "DATABASE_URL_FILE", "DATABASE_PASSWORD_FILE",
			"MIGRATION_DATABASE_URL_FILE", "SERVER_PORT", "MANAGEMENT_SERVER_PORT");

	private static final List<String> VARIABLES = List.of("RUN_MIGRATIONS", "DATABASE_URL", "DATABASE_URL_FILE",
			"DATABASE_PASSWORD_FILE", "MIGRATION_DATABASE_URL", "MIGRATION_DATABASE_URL_FILE", "DB_WAIT_TIMEOUT",
			"MIGRATION_LOCK_WAIT", "MIGRATION_LOCK_TIMEOUT", "MIGRATION_STATEMENT_TIMEOUT", "SCHEMA_CHECK",
			"SCHEMA_CHECK_INTERVAL", "LOG_FORMAT", "MIGRATION_BATCH", "SERVER_PORT", "MANAGEMENT_SERVER_PORT");

	private static final TestDatabase database = TestDatabase.create();

	@BeforeAll
	static void migrate() {
		assertThat(run(database.environment(), "migrate").code()).isZero();
	}

	private static LauncherRun run(Map<String, String> environment, String... args) {
		return LauncherRun.of(environment, args);
	}

	@Test
	void everySettingTakesOrRefusesEveryKindOfBadValue() {
		String before = database.snapshot();
		List<String> problems = new ArrayList<>();
		for (String variable : VARIABLES) {
			for (String value : VALUES) {
				Map<String, String> environment = database.environment();
				environment.put(variable, value);
				LauncherRun outcome = run(environment, "status");
				String label = variable + "=" + shown(value) + " -> " + outcome.code() + " " + outcome.err().strip();
				boolean blank = value.isBlank();
				if (blank && OPTIONAL.contains(variable)) {
					if (outcome.code() != 0) {
						problems.add("blank should mean the default: " + label);
					}
				}
				else if (outcome.code() != 78) {
					problems.add("expected exit 78: " + label);
				}
				else if (!outcome.err().startsWith("error: ") || outcome.err().strip().contains("\n")
						|| !outcome.err().contains(variable.replace("_FILE", ""))) {
					problems.add("expected one line naming the setting: " + label);
				}
				if (outcome.err().contains("\tat ")) {
					problems.add("stack trace: " + label);
				}
			}
		}
		assertThat(problems).isEmpty();
		assertThat(database.snapshot()).isEqualTo(before);
	}

	@Test
	void credentialsTakeEveryKindOfBadValueWithoutAStackTraceOrAChange() {
		String before = database.snapshot();
		List<String> problems = new ArrayList<>();
		for (String variable : List.of("DATABASE_USER", "DATABASE_PASSWORD", "MIGRATION_DATABASE_USER",
				"MIGRATION_DATABASE_PASSWORD", "MIGRATION_DATABASE_PASSWORD_FILE")) {
			boolean migration = variable.startsWith("MIGRATION_");
			for (String value : VALUES) {
				Map<String, String> environment = database.environment();
				environment.put("DB_WAIT_TIMEOUT", "2s");
				if (migration) {
					environment.put("MIGRATION_DATABASE_URL", database.url());
				}
				environment.put(variable, value);
				// migrate connects as the migration role, status as the runtime role.
				LauncherRun outcome = run(environment, migration ? "migrate" : "status");
				String label = variable + "=" + shown(value) + " -> " + outcome.code() + " " + outcome.err().strip();
				if (!Set.of(0, 77, 78).contains(outcome.code())) {
					problems.add("expected 0, 77 (refused) or 78 (invalid): " + label);
				}
				if (outcome.code() != 0 && (!outcome.err().startsWith("error: ") || outcome.err().strip().contains("\n")
						|| outcome.err().length() > 1000)) {
					problems.add("expected one short error line: " + label);
				}
				if (outcome.err().contains("\tat ")) {
					problems.add("stack trace: " + label);
				}
				if (variable.contains("PASSWORD") && !variable.endsWith("_FILE") && value.strip().length() > 5
						&& outcome.err().contains(value.strip())) {
					problems.add("password shown: " + label);
				}
			}
		}
		assertThat(problems).isEmpty();
		assertThat(database.snapshot()).isEqualTo(before);
	}

	@Test
	void everyCommandRefusesAnUnknownOptionWithExit64() {
		for (String command : List.of("serve", "migrate", "status", "history", "validate", "plan", "repair", "baseline",
				"wait-for-db", "help", "version")) {
			LauncherRun outcome = run(database.environment(), command, "--frobnicate");
			assertThat(outcome.code()).as(command).isEqualTo(64);
			assertThat(outcome.err()).as(command).startsWith("error: " + command + ": unknown option '--frobnicate'");
		}
	}

	@Test
	void rejectedSettingsShowTheValueOnOneShortLine() {
		Map<String, String> environment = database.environment();
		environment.put("SCHEMA_CHECK", "a\nb" + "x".repeat(1000));
		LauncherRun outcome = run(environment, "status");
		assertThat(outcome.code()).isEqualTo(78);
		assertThat(outcome.err()).isEqualTo(
				"error: SCHEMA_CHECK: 'a\\u000ab" + "x".repeat(37) + "' (cut short) is not allowed; use one of wait, fail, off\n");
	}

	private static String shown(String value) {
		return (value.length() > 20) ? value.substring(0, 20) + "..." : value.replace("\n", "\\n");
	}

}
