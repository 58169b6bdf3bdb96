package io.schemagate.migration;

/** Another migrator held the migration lock for longer than this one may wait. */
public class MigrationLockTimeoutException extends RuntimeException {

	public MigrationLockTimeoutException(String message, Throwable cause) {
		super(message, cause);
	}

}
