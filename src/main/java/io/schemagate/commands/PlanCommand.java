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
		super("plan", "show what migrate would apply, in order, with its SQL (--undo [--steps N | --to V]: what undo"
				+ " would run); changes nothing", false, Set.of(UNDO), Set.of(UndoCommand.STEPS, UndoCommand.TO),
				PlanCommand::plan);
	}

	@Override
	protected void check(Options options) {
		if (!options.has(UNDO) && (options.value(UndoCommand.STEPS) != null || options.value(UndoCommand.TO) != null)) {
			throw new UsageException("plan: --steps and --to go with --undo");
		}
		UndoCommand.range(options);
	}

	private static Report plan(ApplicationContext context, Options options) {
		Settings settings = context.getBean(Settings.class);
		Flyway flyway = flyway(context);
		if (options.has(UNDO)) {
			return undoPlan(context, flyway, UndoCommand.range(options));
		}
		LintResult lint = (settings.migrationLint() != Settings.MigrationLint.OFF)
				? context.getBean(Linter.class).lint(flyway) : null;
		return PlanReport.of(flyway, settings.migrationBatch(), lint);
	}

	private static Report undoPlan(ApplicationContext context, Flyway flyway, UndoPlan.Range range) {
		UndoPlan plan = UndoPlan.of(flyway, range);
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
		return new UndoPlanReport(plan.fromVersion(), plan.toVersion(), plan.inTransaction(), UndoPlanReport.undos(plan),
				plan.refusals(), losses, unknown);
	}

}
