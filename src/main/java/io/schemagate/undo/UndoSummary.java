package io.schemagate.undo;

import java.util.Locale;

import io.schemagate.migration.Versions;
import io.schemagate.text.Report;

/**
 * What undo did.
 *
 * @param undone how many migrations were undone
 * @param fromVersion the schema version before
 * @param toVersion the schema version after, or null for empty
 * @param durationMs how long it took
 */
public record UndoSummary(int undone, String fromVersion, String toVersion, long durationMs) implements Report {

	/** {@code undone 2 migrations (schema 5 -> 3) in 0.41s}. */
	@Override
	public String text() {
		return "undone " + this.undone + " migration" + ((this.undone == 1) ? "" : "s") + " (schema "
				+ Versions.show(this.fromVersion) + " -> " + Versions.show(this.toVersion) + ") in "
				+ String.format(Locale.ROOT, "%.2fs", this.durationMs / 1000.0);
	}

}
