package io.schemagate.commands;

import java.util.Set;

import io.schemagate.failure.ExitCode;
import io.schemagate.launcher.OneShotCommand;
import io.schemagate.launcher.Options;
import io.schemagate.text.Report;

/** The schema version, this build's newest, and what is pending; exit 1 with --check when not current. */
final class StatusCommand extends OneShotCommand {

	private static final String CHECK = "--check";

	StatusCommand() {
		super("status", "schema version, newest known, pending migrations; --check exits 1 unless up to date",
				false, Set.of(CHECK), Set.of(), (context, options) -> StatusReport.of(BothSets.of(context)));
	}

	@Override
	protected ExitCode exitCode(Report report, Options options) {
		return (options.has(CHECK) && !((StatusReport) report).upToDate()) ? ExitCode.PENDING : ExitCode.OK;
	}

}
