package io.schemagate.commands;

import java.util.List;

import org.flywaydb.core.Flyway;
import org.springframework.context.ApplicationContext;

import java.util.Set;

import io.schemagate.launcher.OneShotCommand;
import io.schemagate.launcher.Options;
import io.schemagate.launcher.UsageException;
import io.schemagate.migration.MigrationFailedException;
import io.schemagate.migration.Versions;
import io.schemagate.postdeploy.PostDeployMigrations;
import io.schemagate.text.Shown;
import io.schemagate.undo.UndoPlan;
import io.schemagate.undo.Undoer;

/**
 * Undoes the newest applied migration (or the newest N, or everything newer than a
 * version) with its undo script, in one transaction, refusing (exit 65) where it cannot
 * or where it would drop data without {@code --allow-data-loss}.
 */
final class UndoCommand extends OneShotCommand {

	static final String STEPS = "--steps";

	static final String TO = "--to";

	private static final String ALLOW_DATA_LOSS = "--allow-data-loss";

	/** More in one run is not a rollback but a rebuild. */
	private static final int MAX_STEPS = 1000;

	UndoCommand() {
		super("undo", "[--steps N | --to V] [--allow-data-loss] [--post]: undo the newest migration(s) with their U"
				+ " files, in one transaction (--post: the post-deploy ones)", true, Set.of(ALLOW_DATA_LOSS,
						MigrateCommand.POST), Set.of(STEPS, TO),
				(context, options) -> {
					Flyway flyway = set(context, options, "undo");
					return context.getBean(Undoer.class)
						.undo(flyway, range(options), options.has(ALLOW_DATA_LOSS),
								(plan) -> outOfOrder(context, plan, options));
				});
	}

	/** The set {@code --post} names for {@code command}: the post-deploy one, or by default the regular one. */
	static Flyway set(ApplicationContext context, Options options, String command) {
		PostDeployMigrations sets = BothSets.of(context);
		if (!options.has(MigrateCommand.POST)) {
			return sets.regular();
		}
		return sets.postDeploy().orElseThrow(() -> new MigrationFailedException(command + " --post: this build has no"
				+ " post-deploy migrations and the database no post-deploy history (POST_MIGRATION_LOCATIONS)", null));
	}

	/**
	 * Why undo must not run in this order, or null: a regular migration cannot be undone
	 * under post-deploy migrations applied after it, which were written on the schema it
	 * made.
	 */
	static String outOfOrder(ApplicationContext context, UndoPlan plan, Options options) {
		if (options.has(MigrateCommand.POST) || plan.items().isEmpty()) {
			return null;
		}
		java.util.Date oldest = plan.items().get(plan.items().size() - 1).migration().getInstalledOn();
		List<String> after = (oldest != null) ? BothSets.of(context).postDeployAppliedAfter(oldest) : List.of();
		return after.isEmpty() ? null : "post-deploy migration(s) " + after + " were applied after "
				+ Versions.name(plan.items().get(plan.items().size() - 1).migration()) + ", on the schema it made: undo"
				+ " them first with 'undo --post'";
	}

	@Override
	protected void check(Options options) {
		range(options);
	}

	/** The range {@code --steps} or {@code --to} name: the newest migration when neither does. */
	static UndoPlan.Range range(Options options) {
		String steps = options.value(STEPS);
		String to = options.value(TO);
		if (steps != null && to != null) {
			throw new UsageException("undo: --steps and --to are two ranges; give one");
		}
		if (to != null && !to.matches("[0-9]{1,18}([._][0-9]{1,18}){0,9}")) {
			throw new UsageException("undo --to: " + Shown.value(to) + " is not a version; use numbers separated by dots,"
					+ " e.g. 3 or 2.1");
		}
		if (steps != null && (!steps.matches("[0-9]{1,4}") || Integer.parseInt(steps) < 1
				|| Integer.parseInt(steps) > MAX_STEPS)) {
			throw new UsageException("undo --steps: " + Shown.value(steps) + " is not allowed; use a whole number from 1"
					+ " to " + MAX_STEPS);
		}
		return new UndoPlan.Range((steps != null) ? Integer.parseInt(steps) : 1,
				(to != null) ? to.replace('_', '.') : null);
	}

}
