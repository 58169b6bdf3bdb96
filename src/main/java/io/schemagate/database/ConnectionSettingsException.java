package io.schemagate.database;

/**
 * The server refused how a connection was asked for, not who asked: TLS required from a
 * server without it, say. Waiting cannot help; the setting must change.
 */
public class ConnectionSettingsException extends RuntimeException {

	public ConnectionSettingsException(String message) {
		super(message);
	}

}
