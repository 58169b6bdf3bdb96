package io.schemagate.migration;

import java.time.Duration;
import java.util.Locale;

/**
 * What one migrate run did, in the one line operators read after every deploy.
 *
 * @param applied how many migrations this run applied
 * @param fromVersion the schema version before the run, or null for an empty schema
 * @param toVersion the schema version after the run, or null for an empty schema
 * @param duration how long the run took
 */
public record MigrationSummary(int applied, String fromVersion, String toVersion, Duration duration) {

	/** The summary line, e.g. {@code applied 3 migrations (schema empty -> 3) in 1.24s}. */
	public String describe() {
		String took = String.format(Locale.ROOT, "%.2fs", this.duration.toMillis() / 1000.0);
		if (this.applied == 0) {
			return "nothing to apply: schema is at version " + version(this.toVersion) + " (checked in " + took + ")";
		}
		return "applied " + this.applied + ((this.applied == 1) ? " migration" : " migrations") + " (schema "
				+ version(this.fromVersion) + " -> " + version(this.toVersion) + ") in " + took;
	}

	private static String version(String version) {
		return (version == null || version.isEmpty()) ? "empty" : version;
	}

}
