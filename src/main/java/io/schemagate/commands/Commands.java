package io.schemagate.commands;

import java.util.List;

import org.flywaydb.core.Flyway;
import org.springframework.context.ApplicationContext;

import io.schemagate.launcher.Command;
import io.schemagate.launcher.OneShotCommand;
import io.schemagate.launcher.Options;
import io.schemagate.lint.LintResult;
import io.schemagate.lint.Linter;
import io.schemagate.migration.Migrator;
import io.schemagate.settings.Settings;
import io.schemagate.text.Report;

/**
 * The table of commands, in the order {@code help} lists them. A command that needs no
 * options of its own is a name, a line and an action; the others are classes beside their
 * reports. The launcher adds {@code help}.
 */
public final class Commands {

	private Commands() {
	}

	/** plan, with lint's findings per migration when MIGRATION_LINT is set (so that migrate would lint). */
	private static Report plan(ApplicationContext context, Options options) {
		Settings settings = context.getBean(Settings.class);
		Flyway flyway = OneShotCommand.flyway(context);
		LintResult lint = (settings.migrationLint() != Settings.MigrationLint.OFF)
				? context.getBean(Linter.class).lint(flyway) : null;
		return PlanReport.of(flyway, settings.migrationBatch(), lint);
	}

	/**
	 * Every command.
	 * @param application the Spring Boot application class that {@code serve} starts
	 */
	public static List<Command> all(Class<?> application) {
		return List.of(new ServeCommand(application),
				new OneShotCommand("migrate", "apply pending migrations, print a summary and exit (no web server)", true,
						(context, options) -> context.getBean(Migrator.class).migrate(OneShotCommand.flyway(context))),
				new StatusCommand(),
				new OneShotCommand("history", "every applied migration: when, by whom, how long, success", false,
						(context, options) -> HistoryReport.of(OneShotCommand.flyway(context))),
				new ValidateCommand(),
				new OneShotCommand("plan", "show what migrate would apply, in order, with its SQL; changes nothing", false,
						Commands::plan),
				new OneShotCommand("repair", "remove failed rows, realign checksums with the files; prints what changed",
						true, (context, options) -> RepairReport.of(OneShotCommand.flyway(context))),
				new LintCommand(), new BaselineCommand(), new WaitForDbCommand(), new VersionCommand());
	}

}
