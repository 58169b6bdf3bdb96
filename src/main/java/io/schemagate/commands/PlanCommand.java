package io.schemagate.commands;

import java.util.List;
import java.util.Set;

import org.flywaydb.core.Flyway;
import org.springframework.context.ApplicationContext;

import io.schemagate.launcher.OneShotCommand;
import io.schemagate.launcher.Options;
import io.schemagate.launcher.UsageException;
import io.schemagate.lint.LintResult;
import io.schemagate.lint.Linter;
import io.schemagate.postdeploy.ReleaseMigrator;
import io.schemagate.settings.Settings;
import io.schemagate.text.Report;
import io.schemagate.undo.UndoPlan;
import io.schemagate.undo.Undoer;

/**
 * What {@code migrate} would apply, in order, with its SQL (and lint's counts when
 * MIGRATION_LINT is set); with {@code --undo}, what {@code undo} would run instead. Changes
 * nothing.
 */
final class PlanCommand extends OneShotCommand {

	private static final String UNDO = "--undo";

	PlanCommand() {
		super("plan", "show what migrate would apply, in order, with its SQL (--undo [--steps N | --to V] [--post]: what"
				+ " undo would run); changes nothing", false, Set.of(UNDO, MigrateCommand.POST), Set.of(UndoCommand.STEPS, UndoCommand.TO),
				PlanCommand::plan);
	}

	@Override
	protected void check(Options options) {
		if (!options.has(UNDO) && (options.value(UndoCommand.STEPS) != null || options.value(UndoCommand.TO) != null)) {
			throw new UsageException("plan: --steps and --to go with --undo");
		}
		if (!options.has(UNDO) && options.has(MigrateCommand.POST)) {
			throw new UsageException("plan: --post goes with --undo; plan alone shows both sets");
		}
		UndoCommand.range(options);
	}

	private static Report plan(ApplicationContext context, Options options) {
		Settings settings = context.getBean(Settings.class);
		if (options.has(UNDO)) {
			return undoPlan(context, UndoCommand.set(context, options, "plan --undo"), options);
		}
		LintResult lint = (settings.migrationLint() != Settings.MigrationLint.OFF)
				? context.getBean(Linter.class).lint() : null;
		return PlanReport.of(BothSets.of(context), context.getBean(ReleaseMigrator.class), settings.migrationBatch(), lint);
	}

	private static Report undoPlan(ApplicationContext context, Flyway flyway, Options options) {
		UndoPlan plan = UndoPlan.of(flyway, UndoCommand.range(options));
		String outOfOrder = UndoCommand.outOfOrder(context, plan, options);
		if (outOfOrder != null) {
			List<String> refusals = new java.util.ArrayList<>(plan.refusals());
			refusals.add(outOfOrder);
			plan = new UndoPlan(plan.set(), plan.fromVersion(), plan.toVersion(), plan.items(), List.copyOf(refusals));
		}
		List<String> losses = List.of();
		String unknown = null;
		if (plan.refusals().isEmpty() && !plan.items().isEmpty()) {
			try {
				losses = context.getBean(Undoer.class).lossLines(flyway, plan);
			}
			catch (RuntimeException ex) {
				unknown = ex.getMessage();
			}
		}
		return new UndoPlanReport(plan.set(), plan.fromVersion(), plan.toVersion(), plan.inTransaction(), UndoPlanReport.undos(plan),
				plan.refusals(), losses, unknown);
	}

}
