package io.schemagate.settings;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.schemagate.support.LauncherRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The defaults {@code ./entrypoint help} prints are the ones {@link Settings} applies: the
 * help text is written by hand for people, so this is what keeps its numbers from drifting
 * away from the one place the defaults live.
 */
class HelpDefaultsTests {

	private static final String HELP = LauncherRun.of(Map.of(), "help").out();

	@Test
	void helpPrintsTheDurationsSettingsApplies() {
		assertThat(durationDefault("DB_WAIT_TIMEOUT")).isEqualTo(Settings.DEFAULT_DB_WAIT_TIMEOUT);
		assertThat(durationDefault("MIGRATION_LOCK_WAIT")).isEqualTo(Settings.DEFAULT_MIGRATION_LOCK_WAIT);
		assertThat(durationDefault("MIGRATION_LOCK_TIMEOUT")).isEqualTo(Settings.DEFAULT_MIGRATION_LOCK_TIMEOUT);
		assertThat(durationDefault("SCHEMA_CHECK_INTERVAL")).isEqualTo(Settings.DEFAULT_SCHEMA_CHECK_INTERVAL);
	}

	@Test
	void helpPrintsTheCountsAndLocationsSettingsApplies() {
		assertThat(Integer.parseInt(defaultOf("MIGRATION_LOCK_RETRIES")))
			.isEqualTo(Settings.DEFAULT_MIGRATION_LOCK_RETRIES);
		assertThat(defaultOf("POST_MIGRATION_LOCATIONS")).isEqualTo(Settings.DEFAULT_POST_MIGRATION_LOCATION);
	}

	private static Duration durationDefault(String variable) {
		return Durations.parse(variable, defaultOf(variable));
	}

	/** The value after "default" in the variable's entry, which may wrap onto the next lines. */
	private static String defaultOf(String variable) {
		Matcher entry = Pattern.compile("(?m)^  " + variable + " +(.*(?:\\n {20,}.*)*)").matcher(HELP);
		assertThat(entry.find()).as(variable + " in help").isTrue();
		String text = entry.group(1).replaceAll("\\s+", " ");
		Matcher value = Pattern.compile("\\(default ([^;)\\s]+)").matcher(text);
		assertThat(value.find()).as(variable + "'s default in help: " + text).isTrue();
		return value.group(1);
	}

}
