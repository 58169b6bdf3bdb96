package io.schemagate.launcher;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The last line a failing command prints: {@code error: ...} for people, or, under
 * LOG_FORMAT=json (ECS) or logstash, one JSON document in the shape of the log lines
 * before it, so that a log shipper keeps the line that says why a container stopped.
 * Spring Boot's structured formatters cannot write it: the failure may come before
 * Spring's logging is set up (an invalid setting) or after its context has closed.
 */
final class ErrorLine {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String LOGGER = "io.schemagate.launcher";

	private ErrorLine() {
	}

	/** The line for {@code message} (already one line) ending the process with {@code code}. */
	static String of(String message, ExitCode code, Settings.LogFormat format) {
		if (format.structuredFormat() == null) {
			return "error: " + message;
		}
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("@timestamp", Instant.now().toString());
		if (format == Settings.LogFormat.LOGSTASH) {
			line.put("@version", "1");
			line.put("message", message);
			line.put("logger_name", LOGGER);
			line.put("thread_name", Thread.currentThread().getName());
			line.put("level", "ERROR");
			line.put("level_value", 40000);
			line.put("exit_code", code.code());
		}
		else {
			line.put("log", Map.of("level", "ERROR", "logger", LOGGER));
			line.put("process", Map.of("pid", ProcessHandle.current().pid(), "exit_code", code.code(), "thread",
					Map.of("name", Thread.currentThread().getName())));
			line.put("service", Map.of("name", "schemagate"));
			line.put("message", message);
			line.put("ecs", Map.of("version", "8.11"));
		}
		return json.writeValueAsString(line);
	}

}
