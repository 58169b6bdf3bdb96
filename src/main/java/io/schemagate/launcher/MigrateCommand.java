package io.schemagate.launcher;

import java.util.Set;

import org.springframework.context.ApplicationContext;

import io.schemagate.migration.Migrator;
import io.schemagate.migration.Report;

/** Waits for the database, applies pending migrations and prints a one-line summary. */
final class MigrateCommand extends OneShotCommand {

	MigrateCommand() {
		super(Set.of(), Set.of());
	}

	@Override
	boolean changesSchema() {
		return true;
	}

	@Override
	public String name() {
		return "migrate";
	}

	@Override
	public String summary() {
		return "apply pending migrations, print a summary and exit (no web server)";
	}

	@Override
	Report execute(ApplicationContext context, Options options) {
		return context.getBean(Migrator.class).migrate(flyway(context));
	}

}
