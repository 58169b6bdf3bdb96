package io.schemagate.failure;

/**
 * A failure that knows its exit code: what every failure a user can cause implements,
 * so that the launcher maps failures to codes without knowing where they come from. Its
 * message is the one line the launcher prints, and never holds a secret.
 */
public interface Failure {

	/** The code the process exits with. */
	ExitCode exitCode();

}
