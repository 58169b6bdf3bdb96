package io.schemagate.database;

/** The database refused the credentials; retrying would not help. */
public class AuthenticationFailedException extends RuntimeException {

	public AuthenticationFailedException(String message) {
		super(message);
	}

}
