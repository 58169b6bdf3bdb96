package io.schemagate.database;

import io.schemagate.failure.ExitCode;
import io.schemagate.failure.Failure;

/** The database refused the credentials; retrying would not help. */
public class AuthenticationFailedException extends RuntimeException implements Failure {

	public AuthenticationFailedException(String message) {
		super(message);
	}

	@Override
	public ExitCode exitCode() {
		return ExitCode.AUTHENTICATION;
	}

}
