package io.schemagate.migration;

import io.schemagate.failure.ExitCode;
import io.schemagate.failure.Failure;

/**
 * A migration failed. Its transaction was rolled back, so the schema stays at the last
 * version that was applied in full.
 */
public class MigrationFailedException extends RuntimeException implements Failure {

	public MigrationFailedException(String message, Throwable cause) {
		super(message, cause);
	}

	@Override
	public ExitCode exitCode() {
		return ExitCode.MIGRATION_FAILED;
	}

}
