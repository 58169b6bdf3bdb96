package io.schemagate.commands;

import java.util.Set;

import org.flywaydb.core.Flyway;

import io.schemagate.failure.ExitCode;
import io.schemagate.launcher.OneShotCommand;
import io.schemagate.launcher.Options;
import io.schemagate.postdeploy.MigrationSet;
import io.schemagate.text.Report;
import io.schemagate.undo.VerifyUndo;

/**
 * Proves every undo script on a scratch database; exit 1 when one does not round-trip or
 * could not be proven.
 * With {@code --post}, the post-deploy set's.
 */
final class VerifyUndoCommand extends OneShotCommand {

	VerifyUndoCommand() {
		super("verify-undo", "prove each undo script on a scratch database: migrate, undo, migrate again; exit 1 when"
				+ " one differs; --post: the post-deploy ones, on all regular migrations", false, Set.of(MigrateCommand.POST),
				Set.of(), (context, options) -> {
					VerifyUndo verifier = context.getBean(VerifyUndo.class);
					if (!options.has(MigrateCommand.POST)) {
						return VerifyUndoReport.of(MigrationSet.Kind.REGULAR, verifier.verify(flyway(context)));
					}
					Flyway postDeploy = UndoCommand.set(context, options, "verify-undo");
					return VerifyUndoReport.of(MigrationSet.Kind.POST_DEPLOY,
							verifier.verifyPostDeploy(BothSets.of(context).regular(), postDeploy));
				});
	}

	@Override
	protected ExitCode exitCode(Report report, Options options) {
		return (((VerifyUndoReport) report).differing() + ((VerifyUndoReport) report).notProven() > 0) ? ExitCode.PENDING : ExitCode.OK;
	}

}
