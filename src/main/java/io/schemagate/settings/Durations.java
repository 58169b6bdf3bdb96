package io.schemagate.settings;

import java.time.Duration;

import io.schemagate.text.Shown;

/**
 * Parses the durations operators write in environment variables: {@code 90} (seconds),
 * {@code 500ms}, {@code 90s}, {@code 2m}, {@code 1h}.
 */
final class Durations {

	private static final Duration MAX = Duration.ofDays(1);

	private Durations() {
	}

	static Duration parse(String variable, String value) {
		var matcher = java.util.regex.Pattern.compile("([0-9]{1,9})(ms|s|m|h)?").matcher(value);
		if (!matcher.matches()) {
			throw new ConfigurationException(variable + ": " + Shown.value(value)
					+ " is not a duration; use whole seconds (90) or a number with ms, s, m or h (500ms, 90s, 2m)");
		}
		long amount = Long.parseLong(matcher.group(1));
		String unit = (matcher.group(2) != null) ? matcher.group(2) : "s";
		Duration duration = switch (unit) {
			case "ms" -> Duration.ofMillis(amount);
			case "m" -> Duration.ofMinutes(amount);
			case "h" -> Duration.ofHours(amount);
			default -> Duration.ofSeconds(amount);
		};
		if (duration.compareTo(MAX) > 0) {
			throw new ConfigurationException(
					variable + ": " + Shown.value(value) + " is longer than the maximum of 24h; use 24h or less");
		}
		return duration;
	}

}
