package io.schemagate.launcher;

import java.util.Set;

import org.flywaydb.core.Flyway;
import org.springframework.context.ConfigurableApplicationContext;

import io.schemagate.migration.MigrationSummary;
import io.schemagate.migration.Migrator;

/** Waits for the database, applies pending migrations and prints a one-line summary. */
final class MigrateCommand implements Command {

	@Override
	public String name() {
		return "migrate";
	}

	@Override
	public String summary() {
		return "apply pending migrations, print a summary and exit (no web server)";
	}

	@Override
	public ExitCode run(Invocation invocation) {
		Options.parse(name(), invocation.arguments(), Set.of(), Set.of());
		Settings settings = invocation.settings();
		try (ConfigurableApplicationContext context = Contexts.oneShot(name(), invocation, settings)) {
			MigrationSummary summary = context.getBean(Migrator.class).migrate(context.getBean(Flyway.class));
			invocation.out().println(summary.describe());
		}
		return ExitCode.OK;
	}

}
