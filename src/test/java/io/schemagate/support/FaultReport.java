package io.schemagate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Records each fault scenario as a row of {@code target/fault-report.tsv}: scenario,
 * expected, observed, pass or fail. {@code e2e/faults} prints it as a table.
 */
public final class FaultReport implements TestWatcher {

	static final Path FILE = Path.of(System.getProperty("schemagate.test.reports", "target"), "fault-report.tsv");

	private static final ThreadLocal<List<String>> observations = ThreadLocal.withInitial(ArrayList::new);

	/** What a scenario must show. */
	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.METHOD)
	public @interface Scenario {

		/** The scenario, in a few words. */
		String value();

		/** What is expected to happen. */
		String expected();

	}

	/** Record a fact the scenario observed, for the report's "observed" column. */
	public static void observed(String fact) {
		observations.get().add(fact);
	}

	@Override
	public void testSuccessful(ExtensionContext context) {
		write(context, String.join("; ", observations.get()), "pass");
	}

	@Override
	public void testFailed(ExtensionContext context, Throwable cause) {
		String message = (cause.getMessage() != null) ? cause.getMessage().strip().lines().findFirst().orElse("")
				: cause.getClass().getSimpleName();
		write(context, "FAILED: " + message, "FAIL");
	}

	@Override
	public void testAborted(ExtensionContext context, Throwable cause) {
		write(context, "aborted: " + cause, "FAIL");
	}

	@Override
	public void testDisabled(ExtensionContext context, Optional<String> reason) {
		write(context, "disabled", "FAIL");
	}

	private static synchronized void write(ExtensionContext context, String observed, String outcome) {
		Scenario scenario = context.getRequiredTestMethod().getAnnotation(Scenario.class);
		observations.remove();
		if (scenario == null) {
			return;
		}
		String row = String.join("\t", clean(scenario.value()), clean(scenario.expected()), clean(observed), outcome)
				+ "\n";
		try {
			Files.createDirectories(FILE.getParent());
			Files.writeString(FILE, row, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String clean(String text) {
		return text.replace('\t', ' ').replace('\n', ' ');
	}

}
