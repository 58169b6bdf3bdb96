package io.schemagate.migration;

import java.util.Locale;

import io.schemagate.text.Report;

/**
 * What one migrate run did, in the one line operators read after every deploy.
 *
 * @param applied how many migrations this run applied
 * @param fromVersion the schema version before the run, or null for an empty schema
 * @param toVersion the schema version after the run, or null for an empty schema
 * @param durationMs how long the run took, in milliseconds
 * @param batched whether they were applied as one batch (MIGRATION_BATCH)
 */
public record MigrationSummary(int applied, String fromVersion, String toVersion, long durationMs,
		boolean batched) implements Report {

	/**
	 * The summary line, e.g. {@code applied 3 migrations (schema empty -> 3) in 1.24s}, or
	 * {@code applied 3 migrations in one batch (...)}.
	 */
	@Override
	public String text() {
		return text("schema");
	}

	/** The summary line, naming what the versions are of: {@code schema}, {@code post-deploy history}. */
	public String text(String of) {
		String took = String.format(Locale.ROOT, "%.2fs", this.durationMs / 1000.0);
		if (this.applied == 0) {
			return "nothing to apply: " + of + " is at version " + Versions.show(this.toVersion) + " (checked in " + took
					+ ")";
		}
		return "applied " + this.applied + ((this.applied == 1) ? " migration" : " migrations")
				+ (this.batched ? " in one batch" : "") + " (" + of + " "
				+ Versions.show(this.fromVersion) + " -> " + Versions.show(this.toVersion) + ") in " + took;
	}

}
