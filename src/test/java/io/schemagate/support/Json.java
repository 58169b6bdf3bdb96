package io.schemagate.support;

import java.nio.file.Path;
import java.util.Map;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON reader of the tests: a command's --json output, a health body, a log line,
 * and (strictly: duplicate keys fail) a deployment file. The one other mapper is the
 * Kubernetes manifests' test's: Jackson 2 configured as fabric8's model classes need it.
 */
public final class Json {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final JsonMapper STRICT = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private Json() {
	}

	/** {@code text} as a JSON tree. */
	public static JsonNode read(String text) {
		return MAPPER.readTree(text);
	}

	/** The JSON object in {@code file} as a map, failing on a duplicate key. */
	public static Map<String, Object> readStrictly(Path file) {
		return STRICT.readValue(file.toFile(), STRICT.getTypeFactory().constructMapType(Map.class, String.class, Object.class));
	}

}
