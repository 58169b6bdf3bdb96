package io.schemagate.migration;

/** {@code serve} with SCHEMA_CHECK=fail found migrations this build needs still pending. */
public class SchemaBehindException extends RuntimeException {

	public SchemaBehindException(String message) {
		super(message);
	}

}
