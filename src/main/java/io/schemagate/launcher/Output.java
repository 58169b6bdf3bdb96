package io.schemagate.launcher;

import java.io.PrintStream;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import io.schemagate.text.Report;

/** Prints a report for people, or as one JSON document with {@code --json}. */
final class Output {

	private static final JsonMapper json = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.enable(SerializationFeature.INDENT_OUTPUT)
		.build();

	private Output() {
	}

	static void print(PrintStream out, Report report, boolean asJson) {
		out.println(asJson ? json.writeValueAsString(report) : report.text());
	}

}
