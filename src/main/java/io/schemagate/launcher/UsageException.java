package io.schemagate.launcher;

import io.schemagate.failure.ExitCode;
import io.schemagate.failure.Failure;

/** An unknown command or option. */
public class UsageException extends RuntimeException implements Failure {

	public UsageException(String message) {
		super(message);
	}

	@Override
	public ExitCode exitCode() {
		return ExitCode.USAGE;
	}

}
