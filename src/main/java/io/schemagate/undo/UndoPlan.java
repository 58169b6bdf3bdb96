package io.schemagate.undo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreMigrationType;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;

import io.schemagate.migration.HistorySchema;
import io.schemagate.migration.Versions;
import io.schemagate.postdeploy.MigrationSet;

/**
 * What {@code undo} would run: the applied migrations of the range, newest first (as
 * they were applied, backwards), each with its undo script; or why it refuses, naming
 * each reason. Reads the history and the files, changes nothing.
 *
 * @param set which set: {@code regular} or {@code post-deploy}
 * @param fromVersion the schema version now, or null for an empty schema
 * @param toVersion the version the schema would be at after, or null for empty
 * @param items the undos to run, newest first
 * @param refusals why undo would refuse, one line each; empty when it would run
 */
public record UndoPlan(String set, String fromVersion, String toVersion, List<Item> items, List<String> refusals) {

	/** An applied migration and the script that undoes it. */
	public record Item(MigrationInfo migration, UndoScripts.Undo undo) {

	}

	/**
	 * Which migrations to undo: the newest {@code steps}, or everything newer than
	 * {@code to} (which stays applied).
	 */
	public record Range(int steps, String to) {

		/** As people write it: {@code the newest 2}, {@code everything newer than 3}. */
		String describe() {
			return (this.to != null) ? "everything newer than " + this.to
					: (this.steps == 1) ? "the newest migration" : "the newest " + this.steps + " migrations";
		}

	}

	/** The plan for {@code range} on {@code flyway}'s target. */
	public static UndoPlan of(Flyway flyway, Range range) {
		MigrationInfoService info = flyway.info();
		boolean postDeploy = HistorySchema.isPostDeploy(flyway.getConfiguration());
		// The post-deploy history's own baseline row is no migration: not counted, not undone.
		List<MigrationInfo> applied = Arrays.stream(info.applied())
			.filter((migration) -> migration.getType() != CoreMigrationType.SCHEMA
					&& migration.getState() != MigrationState.DELETED && migration.getInstalledRank() != null
					&& !HistorySchema.isOwnBaseline(flyway.getConfiguration(), migration))
			.sorted(Comparator.comparing(MigrationInfo::getInstalledRank).reversed())
			.toList();
		List<String> refusals = new ArrayList<>();
		List<MigrationInfo> inRange = select(applied, range, refusals);
		Map<String, UndoScripts.Undo> undos = UndoScripts.of(flyway);
		List<Item> items = new ArrayList<>();
		for (MigrationInfo migration : inRange) {
			String refusal = refusal(migration, undos);
			if (refusal != null) {
				refusals.add(Versions.name(migration) + " " + refusal);
			}
			else {
				items.add(new Item(migration, undos.get(Versions.of(migration))));
			}
		}
		refusals.addAll(transactionality(items));
		String from = HistorySchema.reported(flyway.getConfiguration(), Versions.of(info.current()));
		MigrationInfo below = applied.stream()
			.skip(inRange.size())
			.filter((migration) -> migration.getVersion() != null)
			.findFirst()
			.orElse(null);
		MigrationSet.Kind set = postDeploy ? MigrationSet.Kind.POST_DEPLOY : MigrationSet.Kind.REGULAR;
		return new UndoPlan(set.label(), from, Versions.of(below), List.copyOf(items), List.copyOf(refusals));
	}

	/**
	 * Why the undos cannot run together, whatever the other refusals: one transaction
	 * cannot hold an undo that must run outside one, and two outside one cannot be all or
	 * nothing.
	 */
	private static List<String> transactionality(List<Item> items) {
		List<String> outside = items.stream()
			.filter((item) -> !item.undo().inTransaction())
			.map((item) -> item.undo().name())
			.toList();
		List<String> refusals = new ArrayList<>();
		if (!outside.isEmpty() && outside.size() < items.size()) {
			refusals.add("the undo scripts " + outside + " must run outside a transaction and the others in one; undo"
					+ " them in runs of their own (--steps)");
		}
		if (outside.size() > 1) {
			refusals.add("the undo scripts " + outside + " each run outside a transaction, so one run of them cannot be"
					+ " all or nothing; undo them one run each (--steps 1)");
		}
		return refusals;
	}

	private static List<MigrationInfo> select(List<MigrationInfo> applied, Range range, List<String> refusals) {
		if (range.to() != null) {
			MigrationInfo keep = applied.stream()
				.filter((migration) -> range.to().equals(Versions.of(migration)))
				.findFirst()
				.orElse(null);
			if (keep == null) {
				refusals.add("version " + range.to() + " is not applied here, so undo --to cannot keep it");
				return List.of();
			}
			return applied.stream().filter((m) -> m.getInstalledRank() > keep.getInstalledRank()).toList();
		}
		if (range.steps() > applied.size()) {
			refusals.add("only " + applied.size() + " migration(s) are applied, fewer than --steps " + range.steps());
			return applied;
		}
		return applied.subList(0, range.steps());
	}

	private static String refusal(MigrationInfo migration, Map<String, UndoScripts.Undo> undos) {
		MigrationState state = migration.getState();
		if (state.isFailed()) {
			return "is recorded as failed: run 'repair' first, then undo what it applied by hand";
		}
		if (Versions.isAhead(migration) || Versions.isMissing(migration)) {
			return "was applied by a build whose files are not here: undo it with that build";
		}
		if (migration.getType() == CoreMigrationType.BASELINE) {
			return "is the baseline: nothing applied it, so there is nothing to undo";
		}
		if (migration.getVersion() == null) {
			return "is a repeatable migration, which has no undo: undo the versions before it";
		}
		UndoScripts.Undo undo = undos.get(Versions.of(migration));
		if (undo == null) {
			return "has no undo file (" + UndoScripts.PREFIX + migration.getVersion().toString().replace('.', '_') + "__"
					+ migration.getDescription().replace(' ', '_') + ".sql)";
		}
		if (undo.sql() == null) {
			return "has an undo file that cannot be read as Flyway resolved it (" + undo.script() + ")";
		}
		return null;
	}

	/** Whether the undos run in one transaction (all or nothing), or each outside one. */
	public boolean inTransaction() {
		return this.items.isEmpty() || this.items.get(0).undo().inTransaction();
	}

}
