package io.schemagate.database;

import io.schemagate.failure.ExitCode;
import io.schemagate.failure.Failure;

/**
 * The server refused how a connection was asked for, not who asked: TLS required from a
 * server without it, say. Waiting cannot help; the setting must change.
 */
public class ConnectionSettingsException extends RuntimeException implements Failure {

	public ConnectionSettingsException(String message) {
		super(message);
	}

	@Override
	public ExitCode exitCode() {
		return ExitCode.CONFIGURATION;
	}

}
