package io.schemagate.launcher;

import io.schemagate.migration.Report;
import io.schemagate.migration.ValidationReport;

/** Compares applied migrations with this build's files; exit 65 on any mismatch. */
final class ValidateCommand extends OneShotCommand {

	ValidateCommand() {
		super("validate", "compare applied migrations with this build's files; exit 65 on a mismatch", false,
				(context, options) -> ValidationReport.of(flyway(context)));
	}

	@Override
	ExitCode exitCode(Report report, Options options) {
		return ((ValidationReport) report).valid() ? ExitCode.OK : ExitCode.MIGRATION_FAILED;
	}

}
