package io.schemagate.commands;

import java.util.Locale;
import java.util.Set;

import io.schemagate.failure.ExitCode;
import io.schemagate.launcher.OneShotCommand;
import io.schemagate.launcher.Options;
import io.schemagate.launcher.UsageException;
import io.schemagate.lint.Linter;
import io.schemagate.lint.Severity;
import io.schemagate.text.Report;
import io.schemagate.text.Shown;

/**
 * What each pending migration will do to the running system, measured on a scratch
 * database and sized from the target; exit 1 when a finding at or above {@code --fail-on}
 * is not accepted in its file.
 */
final class LintCommand extends OneShotCommand {

	private static final String FORMAT = "--format";

	private static final String FAIL_ON = "--fail-on";

	LintCommand() {
		super("lint", "judge each pending migration on a scratch database, sized from the target; changes nothing"
				+ " (--format github, --fail-on error|warning|info|never)", true, Set.of(), Set.of(FORMAT, FAIL_ON),
				(context, options) -> new LintReport(context.getBean(Linter.class).lint(),
						"github".equals(options.value(FORMAT))));
	}

	@Override
	protected void check(Options options) {
		String format = options.value(FORMAT);
		if (format != null && !format.equals("github") && !format.equals("text")) {
			throw new UsageException("lint --format: " + Shown.value(format) + " is not allowed; use text or github");
		}
		if (format != null && format.equals("github") && options.has(JSON)) {
			throw new UsageException("lint: --json and --format github are two outputs; give one");
		}
		failOn(options);
	}

	@Override
	protected ExitCode exitCode(Report report, Options options) {
		Severity failOn = failOn(options);
		return (failOn != null && !((LintReport) report).result().failing(failOn).isEmpty()) ? ExitCode.PENDING
				: ExitCode.OK;
	}

	/** The severity that fails the run; null for never. */
	private static Severity failOn(Options options) {
		String value = options.value(FAIL_ON);
		if (value == null) {
			return Severity.ERROR;
		}
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "error" -> Severity.ERROR;
			case "warning" -> Severity.WARNING;
			case "info" -> Severity.INFO;
			case "never" -> null;
			default -> throw new UsageException("lint --fail-on: " + Shown.value(value)
					+ " is not allowed; use error, warning, info or never");
		};
	}

}
