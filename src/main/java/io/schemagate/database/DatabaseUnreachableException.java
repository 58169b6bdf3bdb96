package io.schemagate.database;

import io.schemagate.failure.ExitCode;
import io.schemagate.failure.Failure;

/** The database did not accept a connection before the wait deadline. */
public class DatabaseUnreachableException extends RuntimeException implements Failure {

	public DatabaseUnreachableException(String message) {
		super(message);
	}

	@Override
	public ExitCode exitCode() {
		return ExitCode.UNREACHABLE;
	}

}
