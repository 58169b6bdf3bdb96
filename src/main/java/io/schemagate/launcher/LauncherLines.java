package io.schemagate.launcher;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import io.schemagate.settings.Settings;
import io.schemagate.text.Shown;

/**
 * The lines the launcher writes itself, outside Spring's logging: the last line of a
 * failing command ({@code error: ...}) and the notices of a stop on SIGTERM. For people
 * they are plain text; under LOG_FORMAT=json (ECS) or logstash, each is one JSON document
 * in the shape of the log lines around it, so that a log shipper keeps the line that says
 * why a container stopped. Spring Boot's structured formatters cannot write them: a
 * failure may come before Spring's logging is set up (an invalid setting) or after its
 * context has closed, and a SIGTERM notice is written from a shutdown hook, while the
 * JVM's other hooks may be stopping the logging system.
 */
final class LauncherLines {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String LOGGER = "io.schemagate.launcher";

	private LauncherLines() {
	}

	/** The last line of a process that ends with {@code exitCode} because of {@code message}. */
	static String error(String message, int exitCode, Settings.LogFormat format) {
		String line = Shown.oneLine(message.strip());
		if (format.structuredFormat() == null) {
			return "error: " + line;
		}
		return json(line, "ERROR", 40000, exitCode, format);
	}

	/** A notice of what the process does as it stops: one line of text, or a WARN document. */
	static String notice(String message, Settings.LogFormat format) {
		String line = Shown.oneLine(message.strip());
		if (format.structuredFormat() == null) {
			return line;
		}
		return json(line, "WARN", 30000, null, format);
	}

	private static String json(String message, String level, int levelValue, Integer exitCode,
			Settings.LogFormat format) {
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("@timestamp", Instant.now().toString());
		if (format == Settings.LogFormat.LOGSTASH) {
			line.put("@version", "1");
			line.put("message", message);
			line.put("logger_name", LOGGER);
			line.put("thread_name", Thread.currentThread().getName());
			line.put("level", level);
			line.put("level_value", levelValue);
			if (exitCode != null) {
				line.put("exit_code", exitCode);
			}
		}
		else {
			Map<String, Object> log = new LinkedHashMap<>();
			log.put("level", level);
			log.put("logger", LOGGER);
			line.put("log", log);
			Map<String, Object> process = new LinkedHashMap<>();
			process.put("pid", ProcessHandle.current().pid());
			if (exitCode != null) {
				process.put("exit_code", exitCode);
			}
			process.put("thread", Map.of("name", Thread.currentThread().getName()));
			line.put("process", process);
			line.put("service", Map.of("name", "schemagate"));
			line.put("message", message);
			line.put("ecs", Map.of("version", "8.11"));
		}
		return json.writeValueAsString(line);
	}

}
