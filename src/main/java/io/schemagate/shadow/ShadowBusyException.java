package io.schemagate.shadow;

import io.schemagate.failure.ExitCode;
import io.schemagate.failure.Failure;

/** Another lint, undo or verify-undo held SHADOW_DATABASE_URL for longer than MIGRATION_LOCK_WAIT. */
public class ShadowBusyException extends RuntimeException implements Failure {

	public ShadowBusyException(String message) {
		super(message);
	}

	@Override
	public ExitCode exitCode() {
		return ExitCode.LOCKED;
	}

}
