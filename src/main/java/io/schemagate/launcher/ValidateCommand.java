package io.schemagate.launcher;

import java.util.Set;

import org.springframework.context.ApplicationContext;

import io.schemagate.migration.Report;
import io.schemagate.migration.ValidationReport;

/** Compares applied migrations with this build's files; exit 65 on any mismatch. */
final class ValidateCommand extends OneShotCommand {

	ValidateCommand() {
		super(Set.of(), Set.of());
	}

	@Override
	public String name() {
		return "validate";
	}

	@Override
	public String summary() {
		return "compare applied migrations with this build's files; exit 65 on a mismatch";
	}

	@Override
	Report execute(ApplicationContext context, Options options) {
		return ValidationReport.of(flyway(context));
	}

	@Override
	ExitCode exitCode(Report report, Options options) {
		return ((ValidationReport) report).valid() ? ExitCode.OK : ExitCode.MIGRATION_FAILED;
	}

}
