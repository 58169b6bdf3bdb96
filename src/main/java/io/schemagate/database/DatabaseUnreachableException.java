package io.schemagate.database;

/** The database did not accept a connection before the wait deadline. */
public class DatabaseUnreachableException extends RuntimeException {

	public DatabaseUnreachableException(String message) {
		super(message);
	}

}
