package io.schemagate.launcher;

import java.util.Map;
import java.util.LinkedHashMap;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;

/**
 * Spring's environment over the invocation's variables rather than the process's, so
 * that Spring reads exactly what the launcher was given, with the launcher's own
 * properties first. They are there from the start, before logging is set up. A blank
 * variable is unset here as it is for the launcher: an empty MANAGEMENT_SERVER_PORT
 * would otherwise put the actuator on SERVER_PORT, a blank SERVER_PORT fail the start.
 */
final class InvocationEnvironment extends StandardEnvironment {

	private final Map<String, String> variables;

	InvocationEnvironment(Map<String, String> variables, Map<String, Object> launcherProperties) {
		super(new MutablePropertySources());
		this.variables = (variables != null) ? withoutBlanks(variables) : null;
		customizePropertySources(getPropertySources());
		getPropertySources().addFirst(new MapPropertySource("schemagate", launcherProperties));
	}

	@Override
	protected void customizePropertySources(MutablePropertySources propertySources) {
		if (this.variables != null) {
			super.customizePropertySources(propertySources);
		}
	}

	@Override
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public Map<String, Object> getSystemEnvironment() {
		return (Map) this.variables;
	}

	private static Map<String, String> withoutBlanks(Map<String, String> variables) {
		Map<String, String> set = new LinkedHashMap<>(variables);
		set.values().removeIf((value) -> value == null || value.isBlank());
		return set;
	}

}
