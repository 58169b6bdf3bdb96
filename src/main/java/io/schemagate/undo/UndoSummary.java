package io.schemagate.undo;

import java.util.Locale;

import io.schemagate.migration.HistorySchema;
import io.schemagate.migration.Versions;
import io.schemagate.postdeploy.MigrationSet;
import io.schemagate.text.Report;

/**
 * What undo did.
 *
 * @param set which set: {@code regular} or {@code post-deploy}
 * @param undone how many migrations were undone
 * @param fromVersion the schema version before
 * @param toVersion the schema version after, or null for empty
 * @param durationMs how long it took
 */
public record UndoSummary(String set, int undone, String fromVersion, String toVersion, long durationMs)
		implements Report {

	/** What {@code set}'s versions are of (HistorySchema.versionsOf), from its label. */
	public static String of(String set) {
		return HistorySchema.versionsOf(MigrationSet.Kind.POST_DEPLOY.label().equals(set));
	}

	/** {@code undone 2 migrations (schema 5 -> 3) in 0.41s}. */
	@Override
	public String text() {
		return "undone " + this.undone + " migration" + ((this.undone == 1) ? "" : "s") + " (" + of(this.set) + " "
				+ Versions.show(this.fromVersion) + " -> " + Versions.show(this.toVersion) + ") in "
				+ String.format(Locale.ROOT, "%.2fs", this.durationMs / 1000.0);
	}

}
