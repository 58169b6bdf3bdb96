package io.schemagate.migration;

import io.schemagate.failure.ExitCode;
import io.schemagate.failure.Failure;

/** Another migrator held the migration lock for longer than this one may wait. */
public class MigrationLockTimeoutException extends RuntimeException implements Failure {

	public MigrationLockTimeoutException(String message, Throwable cause) {
		super(message, cause);
	}

	@Override
	public ExitCode exitCode() {
		return ExitCode.LOCKED;
	}

}
