package io.schemagate.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.schemagate.text.Shown;

/**
 * Reads environment variables the way the launcher documents them: plain settings are
 * trimmed and empty means unset; secrets may come from a {@code NAME_FILE} file instead
 * (Docker and Kubernetes secrets), never from both; booleans, choices, durations, counts
 * and ports are parsed with one message each for what is allowed.
 */
final class Variables {

	/** Files larger than this are not secrets but a wrong path. */
	private static final long MAX_SECRET_FILE_BYTES = 64 * 1024;

	private final Map<String, String> environment;

	Variables(Map<String, String> environment) {
		this.environment = environment;
	}

	/** The trimmed value, or null when unset, empty or only white space. */
	String get(String name) {
		String value = this.environment.get(name);
		if (value == null || value.isBlank()) {
			return null;
		}
		return value.strip();
	}

	/**
	 * A secret from {@code name} or the file named by {@code name_FILE}. The value is kept
	 * as it is, but for one trailing line break in a file.
	 */
	String secret(String name) {
		String fileVariable = name + "_FILE";
		String value = this.environment.get(name);
		String file = get(fileVariable);
		boolean hasValue = value != null && !value.isEmpty();
		if (hasValue && file != null) {
			throw new ConfigurationException(
					"both " + name + " and " + fileVariable + " are set; set only one of them");
		}
		return (file != null) ? readSecretFile(fileVariable, file) : (hasValue ? value : null);
	}

	private static String readSecretFile(String variable, String file) {
		try {
			Path path = Path.of(file);
			if (!Files.isRegularFile(path)) {
				throw new ConfigurationException(
						variable + ": " + Shown.value(file) + " is not a readable file; mount the secret there or unset "
								+ variable);
			}
			if (Files.size(path) > MAX_SECRET_FILE_BYTES) {
				throw new ConfigurationException(variable + ": " + Shown.value(file) + " is larger than 64 KiB; point "
						+ variable + " at the file that holds only the secret");
			}
			String content = Files.readString(path, StandardCharsets.UTF_8);
			content = content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
					: content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
			if (content.isEmpty()) {
				throw new ConfigurationException(variable + ": " + Shown.value(file) + " is empty");
			}
			return content;
		}
		catch (InvalidPathException | IOException ex) {
			throw new ConfigurationException(variable + ": cannot read " + Shown.value(file) + " ("
					+ ex.getClass().getSimpleName() + "); mount the secret there or unset " + variable);
		}
	}

	/** A true or false setting, in any letter case; unset means false. */
	static boolean bool(String name, String value) {
		if (value == null) {
			return false;
		}
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "true" -> true;
			case "false" -> false;
			default -> throw new ConfigurationException(
					name + ": " + Shown.value(value) + " is not allowed; use true or false");
		};
	}
	/** A true or false variable, in any letter case; unset means false. */
	boolean bool(String name) {
		return bool(name, get(name));
	}

	<E extends Enum<E>> E choice(String name, Class<E> type, E defaultValue) {
		String value = get(name);
		if (value == null) {
			return defaultValue;
		}
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equalsIgnoreCase(value)) {
				return constant;
			}
		}
		String allowed = Arrays.stream(type.getEnumConstants())
			.map((constant) -> constant.name().toLowerCase(Locale.ROOT))
			.collect(Collectors.joining(", "));
		throw new ConfigurationException(name + ": " + Shown.value(value) + " is not allowed; use one of " + allowed);
	}
	/**
	 * Spring Boot reads SERVER_PORT itself, but would take a negative port as "no web
	 * server" and report anything else it cannot use as a start-up failure, not a setting.
	 */
	void port(String name) {
		String value = get(name);
		if (value == null) {
			return;
		}
		int port;
		try {
			port = Integer.parseInt(value.strip());
		}
		catch (NumberFormatException ex) {
			port = -1;
		}
		if (port < 1 || port > 65535) {
			throw new ConfigurationException(
					name + ": " + Shown.value(value) + " is not allowed; use a port number from 1 to 65535");
		}
	}
	/** A whole number from 0 to {@code max}. */
	int count(String name, int defaultValue, int max) {
		String value = get(name);
		if (value == null) {
			return defaultValue;
		}
		if (!value.strip().matches("[0-9]{1,9}") || Integer.parseInt(value.strip()) > max) {
			throw new ConfigurationException(name + ": " + Shown.value(value) + " is not allowed; use a whole number"
					+ " from 0 to " + max + " (default " + defaultValue + ")");
		}
		return Integer.parseInt(value.strip());
	}
	Duration duration(String name, Duration defaultValue) {
		String value = get(name);
		return (value != null) ? Durations.parse(name, value) : defaultValue;
	}

}
