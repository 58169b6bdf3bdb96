package io.schemagate.launcher;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.schemagate.text.Shown;

/**
 * The options a command was given: flags ({@code --json}) and options with a value
 * ({@code --version 3} or {@code --version=3}). Anything a command does not declare is a
 * usage error, so a typo is never silently ignored.
 */
public final class Options {

	private final Map<String, String> values;

	private Options(Map<String, String> values) {
		this.values = values;
	}

	public static Options parse(String command, List<String> arguments, Set<String> flags, Set<String> valued) {
		Map<String, String> values = new HashMap<>();
		for (int i = 0; i < arguments.size(); i++) {
			String argument = arguments.get(i);
			int equals = argument.indexOf('=');
			String name = (equals < 0) ? argument : argument.substring(0, equals);
			if (flags.contains(name) && equals < 0) {
				values.put(name, "true");
			}
			else if (valued.contains(name)) {
				String value = (equals >= 0) ? argument.substring(equals + 1)
						: (i + 1 < arguments.size()) ? arguments.get(++i) : null;
				if (value == null || value.isBlank()) {
					throw new UsageException(command + ": " + name + " needs a value");
				}
				values.put(name, value);
			}
			else {
				throw new UsageException(command + ": unknown option " + Shown.value(argument)
						+ ((flags.isEmpty() && valued.isEmpty()) ? "; it takes no options"
								: "; it takes " + String.join(", ", sorted(flags, valued))));
			}
		}
		return new Options(values);
	}

	private static List<String> sorted(Set<String> flags, Set<String> valued) {
		return java.util.stream.Stream.concat(flags.stream(), valued.stream().map((name) -> name + " VALUE"))
			.sorted()
			.toList();
	}

	/** Whether the flag was given. */
	public boolean has(String flag) {
		return this.values.containsKey(flag);
	}

	/** The option's value, or null when it was not given. */
	public String value(String name) {
		return this.values.get(name);
	}

}
