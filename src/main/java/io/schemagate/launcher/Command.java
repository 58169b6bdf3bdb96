package io.schemagate.launcher;

/** One verb of the launcher, looked up by name. */
interface Command {

	/** The name an operator types. */
	String name();

	/** One line for the usage listing. */
	String summary();

	/**
	 * Run the command.
	 * @param invocation its arguments, environment and output
	 * @return the exit code
	 * @throws Exception any failure, mapped to an exit code by {@link ExitCodes}
	 */
	ExitCode run(Invocation invocation) throws Exception;

}
