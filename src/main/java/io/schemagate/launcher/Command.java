package io.schemagate.launcher;

import io.schemagate.failure.ExitCode;

/** One verb of the launcher, looked up by name. */
public interface Command {

	/** The name an operator types. */
	String name();

	/** One line for the usage listing. */
	String summary();

	/**
	 * Run the command.
	 * @param invocation its arguments, environment and output
	 * @return the exit code
	 * @throws Exception any failure, mapped to an exit code by {@link ExitCodes}: a
	 * {@link io.schemagate.failure.Failure} says its own
	 */
	ExitCode run(Invocation invocation) throws Exception;

}
