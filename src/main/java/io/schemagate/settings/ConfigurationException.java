package io.schemagate.settings;

import io.schemagate.failure.ExitCode;
import io.schemagate.failure.Failure;

/**
 * A setting is missing or invalid. Raised before any connection is opened or any context
 * started; its message names the setting, what was wrong and what is allowed.
 */
public class ConfigurationException extends RuntimeException implements Failure {

	public ConfigurationException(String message) {
		super(message);
	}

	@Override
	public ExitCode exitCode() {
		return ExitCode.CONFIGURATION;
	}

}
