package io.schemagate.commands;

import io.schemagate.failure.ExitCode;
import io.schemagate.launcher.OneShotCommand;
import io.schemagate.launcher.Options;
import io.schemagate.text.Report;
import io.schemagate.undo.VerifyUndo;

/** Proves every undo script on a scratch database; exit 1 when one does not round-trip. */
final class VerifyUndoCommand extends OneShotCommand {

	VerifyUndoCommand() {
		super("verify-undo", "prove each undo script on a scratch database: migrate, undo, migrate again; exit 1 when"
				+ " one differs", false, (context, options) -> VerifyUndoReport.of(context.getBean(VerifyUndo.class)
					.verify(flyway(context))));
	}

	@Override
	protected ExitCode exitCode(Report report, Options options) {
		return (((VerifyUndoReport) report).differing() > 0) ? ExitCode.PENDING : ExitCode.OK;
	}

}
