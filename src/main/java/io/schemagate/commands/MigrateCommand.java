package io.schemagate.commands;

import java.util.Set;

import io.schemagate.launcher.OneShotCommand;
import io.schemagate.postdeploy.ReleaseMigrator;

/**
 * Applies the pending regular migrations (an earlier release's post-deploy ones left
 * pending first); with {@code --post}, the post-deploy ones, after the rollout.
 */
final class MigrateCommand extends OneShotCommand {

	static final String POST = "--post";

	MigrateCommand() {
		super("migrate", "apply pending migrations, print a summary and exit (no web server); --post: the post-deploy"
				+ " ones, once every replica runs the release", true, Set.of(POST), Set.of(),
				(context, options) -> options.has(POST) ? context.getBean(ReleaseMigrator.class).migratePostDeploy()
						: context.getBean(ReleaseMigrator.class).migrate());
	}

}
