package io.schemagate.commands;

import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreMigrationType;
import org.flywaydb.core.api.MigrationInfo;

import io.schemagate.migration.Versions;
import io.schemagate.postdeploy.MigrationSet;
import io.schemagate.postdeploy.PostDeployMigrations;
import io.schemagate.text.Report;
import io.schemagate.undo.UndoHistory;

/**
 * Every migration applied to the database, oldest first, flagging what this build does
 * not know and what failed.
 *
 * @param applied the applied migrations
 * @param undone each undo of a migration, oldest first (undo's own record)
 */
public record HistoryReport(List<Entry> applied, List<UndoHistory.Entry> undone) implements Report {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	/**
	 * One row of Flyway's history.
	 *
	 * @param version its version, or null for a repeatable migration
	 * @param description what it does
	 * @param type how it ran, e.g. {@code SQL}, {@code BASELINE}
	 * @param script its file
	 * @param installedOn when it was applied, ISO-8601 in UTC
	 * @param installedBy the database role that applied it
	 * @param executionTimeMs how long it ran
	 * @param success whether it succeeded
	 * @param knownToBuild whether this build has its file
	 * @param state Flyway's state for it
	 * @param set which set it belongs to: {@code regular} or {@code post-deploy}
	 */
	public record Entry(String version, String description, String type, String script, String installedOn,
			String installedBy, Integer executionTimeMs, boolean success, boolean knownToBuild, String state,
			String set) {

	}

	/** Read the history of both sets, in the order they were applied; changes nothing. */
	public static HistoryReport of(PostDeployMigrations sets) {
		List<Entry> applied = new ArrayList<>();
		for (MigrationSet set : sets.sets()) {
			Arrays.stream(set.flyway().info().applied())
				.filter((migration) -> set.kind() == MigrationSet.Kind.REGULAR
						|| migration.getType() != CoreMigrationType.BASELINE)
				.map((migration) -> entry(migration, set.kind()))
				.forEach(applied::add);
		}
		// Stable: within a set, Flyway's order (installed rank) where two share a timestamp.
		applied.sort(Comparator.comparing((Entry entry) -> (entry.installedOn() != null) ? entry.installedOn() : ""));
		return new HistoryReport(List.copyOf(applied), UndoHistory.read(sets.regular().getConfiguration()));
	}

	private static Entry entry(MigrationInfo migration, MigrationSet.Kind set) {
		return new Entry(Versions.of(migration), migration.getDescription(), migration.getType().name(),
				migration.getScript(),
				(migration.getInstalledOn() != null) ? migration.getInstalledOn().toInstant().toString() : null,
				migration.getInstalledBy(), migration.getExecutionTime(), !migration.getState().isFailed(),
				!Versions.isAhead(migration) && !Versions.isMissing(migration), migration.getState().name(), set.label());
	}

	@Override
	public String text() {
		if (this.applied.isEmpty() && this.undone.isEmpty()) {
			return "no migration has been applied to this database";
		}
		boolean both = this.applied.stream().anyMatch((entry) -> !MigrationSet.Kind.REGULAR.label().equals(entry.set()));
		StringBuilder text = new StringBuilder(String.format("%-8s %-32s %-9s %-19s %-16s %8s  %s%n", "VERSION",
				"DESCRIPTION", "TYPE", "INSTALLED ON (UTC)", "BY", "TIME", "RESULT"));
		for (Entry entry : this.applied) {
			String when = (entry.installedOn() != null) ? WHEN.format(java.time.Instant.parse(entry.installedOn())) : "";
			String result = entry.success() ? "ok" : "FAILED";
			if (!entry.knownToBuild()) {
				result += ", not in this build";
			}
			if (both && !MigrationSet.Kind.REGULAR.label().equals(entry.set())) {
				result += ", " + entry.set();
			}
			text.append(String.format("%-8s %-32s %-9s %-19s %-16s %6sms  %s%n", (entry.version() != null) ? entry.version() : "R",
					cut(entry.description(), 32), entry.type(), when, cut(entry.installedBy(), 16),
					(entry.executionTimeMs() != null) ? entry.executionTimeMs() : "", result));
		}
		long unknown = this.applied.stream().filter((entry) -> !entry.knownToBuild()).count();
		long failed = this.applied.stream().filter((entry) -> !entry.success()).count();
		if (unknown > 0) {
			text.append(unknown).append(" applied migration(s) are not in this build: a newer build ran here")
				.append(" (fine after rolling the app back), or a file was removed\n");
		}
		if (failed > 0) {
			text.append(failed).append(" failed: fix the cause, run 'repair' to remove the failed row, then 'migrate'\n");
		}
		for (UndoHistory.Entry entry : this.undone) {
			String set = MigrationSet.Kind.POST_DEPLOY.label().equals(entry.set()) ? ", post-deploy" : "";
			text.append(String.format("undone %-8s %-32s on %s by %s in %d ms (%s%s)%n", entry.version(),
					cut(entry.description(), 32), WHEN.format(java.time.Instant.parse(entry.undoneOn())), entry.undoneBy(),
					entry.executionTimeMs(), entry.script(), set));
		}
		return text.toString().stripTrailing();
	}

	private static String cut(String text, int length) {
		if (text == null) {
			return "";
		}
		return (text.length() <= length) ? text : text.substring(0, length - 1) + "~";
	}

}
