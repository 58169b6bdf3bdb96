package io.schemagate.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON reader of the tests: a command's --json output, a health body, a log line. */
public final class Json {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Json() {
	}

	/** {@code text} as a JSON tree. */
	public static JsonNode read(String text) {
		return MAPPER.readTree(text);
	}

}
