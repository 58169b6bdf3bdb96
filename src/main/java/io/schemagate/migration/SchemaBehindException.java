package io.schemagate.migration;

import io.schemagate.failure.ExitCode;
import io.schemagate.failure.Failure;

/** {@code serve} with SCHEMA_CHECK=fail found migrations this build needs still pending. */
public class SchemaBehindException extends RuntimeException implements Failure {

	public SchemaBehindException(String message) {
		super(message);
	}

	@Override
	public ExitCode exitCode() {
		return ExitCode.MIGRATION_FAILED;
	}

}
