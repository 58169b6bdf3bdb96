package io.schemagate.migration;

/**
 * A migration failed. Its transaction was rolled back, so the schema stays at the last
 * version that was applied in full.
 */
public class MigrationFailedException extends RuntimeException {

	public MigrationFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
