package io.schemagate.launcher;

/**
 * A setting is missing or invalid. Raised before any connection is opened or any context
 * started; its message names the setting, what was wrong and what is allowed.
 */
public class ConfigurationException extends RuntimeException {

	public ConfigurationException(String message) {
		super(message);
	}

}
