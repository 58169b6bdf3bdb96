package io.schemagate.launcher;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.schemagate.failure.ExitCode;
import io.schemagate.settings.Settings;
import io.schemagate.text.Shown;

/**
 * The command line: looks the command up by name, runs it, and turns any failure into
 * one line on stderr and a documented exit code.
 */
public final class Launcher {

	private static final String DEFAULT_COMMAND = "serve";

	private final Map<String, Command> commands = new LinkedHashMap<>();

	private final Map<String, String> aliases = Map.of("--help", "help", "-h", "help", "--version", "version");

	/**
	 * @param commands every command, in the order {@code help} lists them ({@code help}
	 * itself is the launcher's)
	 */
	public Launcher(List<Command> commands) {
		commands.forEach(this::register);
		register(new HelpCommand());
	}

	private void register(Command command) {
		this.commands.put(command.name(), command);
	}

	/**
	 * Run the command named by the first argument.
	 * @param args the command line
	 * @param environment the environment variables
	 * @param out where results go
	 * @param err where errors go
	 * @return the exit code
	 */
	public int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
		String name = (args.length > 0) ? args[0] : DEFAULT_COMMAND;
		List<String> arguments = (args.length > 0) ? Arrays.asList(args).subList(1, args.length) : List.of();
		Command command = this.commands.get(this.aliases.getOrDefault(name, name));
		if (command == null) {
			err.println("error: unknown command " + Shown.value(name));
			err.print(Usage.text(this.commands.values()));
			return ExitCode.USAGE.code();
		}
		try {
			return command.run(new Invocation(arguments, environment, out, err)).code();
		}
		catch (Throwable failure) {
			return ExitCodes.report(failure, err, Settings.logFormatOrText(environment)).code();
		}
		finally {
			out.flush();
		}
	}

	/** Prints the usage listing on stdout. */
	private final class HelpCommand implements Command {

		@Override
		public String name() {
			return "help";
		}

		@Override
		public String summary() {
			return "print this listing (also --help)";
		}

		@Override
		public ExitCode run(Invocation invocation) {
			Options.parse(name(), invocation.arguments(), Set.of(), Set.of());
			invocation.out().print(Usage.text(Launcher.this.commands.values()));
			return ExitCode.OK;
		}

	}

}
