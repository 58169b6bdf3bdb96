package io.schemagate.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

import io.schemagate.text.Shown;

/**
 * Reads environment variables the way the launcher documents them: plain settings are
 * trimmed and empty means unset; secrets may come from a {@code NAME_FILE} file instead
 * (Docker and Kubernetes secrets), never from both.
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

}
