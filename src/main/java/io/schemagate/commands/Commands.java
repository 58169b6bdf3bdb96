package io.schemagate.commands;

import java.util.List;

import io.schemagate.launcher.Command;
import io.schemagate.launcher.OneShotCommand;

/**
 * The table of commands, in the order {@code help} lists them. A command that needs no
 * options of its own is a name, a line and an action; the others are classes beside their
 * reports. The launcher adds {@code help}.
 */
public final class Commands {

	private Commands() {
	}

	/**
	 * Every command.
	 * @param application the Spring Boot application class that {@code serve} starts
	 */
	public static List<Command> all(Class<?> application) {
		return List.of(new ServeCommand(application),
				new MigrateCommand(), new StatusCommand(),
				new OneShotCommand("history", "every applied migration: when, by whom, how long, success", false,
						(context, options) -> HistoryReport.of(BothSets.of(context))),
				new ValidateCommand(),
				new PlanCommand(),
				new OneShotCommand("repair", "remove failed rows, realign checksums with the files; prints what changed",
						true, (context, options) -> RepairReport.of(BothSets.of(context))),
				new LintCommand(), new UndoCommand(), new VerifyUndoCommand(), new BaselineCommand(), new WaitForDbCommand(),
				new VersionCommand());
	}

}
