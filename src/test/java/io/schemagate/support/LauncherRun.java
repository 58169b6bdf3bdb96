package io.schemagate.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.schemagate.Application;

/**
 * One command of the launcher run in the test's JVM, as {@code Application.main} runs it,
 * with what it printed on stdout and stderr (logs go to the JVM's own stderr).
 */
public record LauncherRun(int code, String out, String err) {

	public static LauncherRun of(Map<String, String> environment, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = Application.launcher().run(args, environment, new PrintStream(out, true),
				new PrintStream(err, true));
		return new LauncherRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

}
