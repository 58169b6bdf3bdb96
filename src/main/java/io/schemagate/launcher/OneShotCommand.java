package io.schemagate.launcher;

import java.util.HashSet;
import java.util.Set;

import org.flywaydb.core.Flyway;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.schemagate.migration.Report;

/**
 * A command that runs without the web server: it waits for the database, does one thing
 * with Flyway, prints a report (JSON with {@code --json}) and exits.
 */
abstract class OneShotCommand implements Command {

	static final String JSON = "--json";

	private final Set<String> flags = new HashSet<>(Set.of(JSON));

	private final Set<String> valued;

	OneShotCommand(Set<String> flags, Set<String> valued) {
		this.flags.addAll(flags);
		this.valued = valued;
	}

	@Override
	public final ExitCode run(Invocation invocation) {
		Options options = Options.parse(name(), invocation.arguments(), this.flags, this.valued);
		check(options);
		Settings settings = invocation.settings();
		Shutdown shutdown = new Shutdown(settings, name(), Shutdown.TERMINATED).install();
		try (ConfigurableApplicationContext context = Contexts.oneShot(name(), invocation, settings,
				changesSchema(), shutdown)) {
			Report report = execute(context, options);
			Output.print(invocation.out(), report, options.has(JSON));
			return exitCode(report, options);
		}
		finally {
			shutdown.uninstall();
		}
	}

	/** Whether the command changes the schema, and so runs as MIGRATION_DATABASE_URL's role. */
	boolean changesSchema() {
		return false;
	}

	/** Check the options' values before anything connects. */
	void check(Options options) {
	}

	/** Do the command's work. */
	abstract Report execute(ApplicationContext context, Options options);

	/** The exit code for a report that was printed. */
	ExitCode exitCode(Report report, Options options) {
		return ExitCode.OK;
	}

	static Flyway flyway(ApplicationContext context) {
		return context.getBean(Flyway.class);
	}

}
