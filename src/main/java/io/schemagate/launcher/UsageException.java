package io.schemagate.launcher;

/** An unknown command or option. */
public class UsageException extends RuntimeException {

	public UsageException(String message) {
		super(message);
	}

}
