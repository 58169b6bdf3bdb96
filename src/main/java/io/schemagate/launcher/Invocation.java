package io.schemagate.launcher;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import io.schemagate.settings.Settings;

/**
 * One run of a command: its arguments, the environment it reads its settings from, and
 * where its result goes. Logs go to stderr, results to stdout.
 *
 * @param arguments the arguments after the command name
 * @param environment the environment variables
 * @param out where the result goes
 * @param err where errors and usage go
 */
public record Invocation(List<String> arguments, Map<String, String> environment, PrintStream out,
		PrintStream err) {

	/** The settings, parsed from the environment. */
	public Settings settings() {
		return Settings.from(this.environment);
	}

}
