package io.schemagate.commands;

import java.util.Set;

import io.schemagate.drift.SchemaDrift;
import io.schemagate.failure.ExitCode;
import io.schemagate.launcher.OneShotCommand;
import io.schemagate.launcher.Options;
import io.schemagate.text.Report;

/**
 * Compares applied migrations with this build's files; with {@code --schema}, the target's
 * schema with what those migrations make. Exit 65 on any mismatch.
 */
final class ValidateCommand extends OneShotCommand {

	private static final String SCHEMA = "--schema";

	ValidateCommand() {
		super("validate", "compare applied migrations with this build's files (--schema: the schema with what they"
				+ " make, on a scratch database); exit 65 on a mismatch", false, Set.of(SCHEMA), Set.of(),
				(context, options) -> options.has(SCHEMA)
						? DriftReport.of(context.getBean(SchemaDrift.class).differences(flyway(context)))
						: ValidationReport.of(BothSets.of(context)));
	}

	@Override
	protected ExitCode exitCode(Report report, Options options) {
		boolean valid = (report instanceof DriftReport drift) ? drift.equal() : ((ValidationReport) report).valid();
		return valid ? ExitCode.OK : ExitCode.MIGRATION_FAILED;
	}

}
