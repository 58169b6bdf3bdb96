package io.schemagate.commands;

import io.schemagate.failure.ExitCode;
import io.schemagate.launcher.OneShotCommand;
import io.schemagate.launcher.Options;
import io.schemagate.text.Report;

/** Compares applied migrations with this build's files; exit 65 on any mismatch. */
final class ValidateCommand extends OneShotCommand {

	ValidateCommand() {
		super("validate", "compare applied migrations with this build's files; exit 65 on a mismatch", false,
				(context, options) -> ValidationReport.of(flyway(context)));
	}

	@Override
	protected ExitCode exitCode(Report report, Options options) {
		return ((ValidationReport) report).valid() ? ExitCode.OK : ExitCode.MIGRATION_FAILED;
	}

}
