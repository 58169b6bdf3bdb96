package io.schemagate.launcher;

import java.util.HashSet;
import java.util.Set;

import org.flywaydb.core.Flyway;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.schemagate.failure.ExitCode;
import io.schemagate.migration.FlywayFailures;
import io.schemagate.settings.Settings;
import io.schemagate.text.Report;

/**
 * A command that runs without the web server: it waits for the database, does one thing
 * with Flyway, prints a report (JSON with {@code --json}) and exits. Most commands are
 * just a name and an action; those with options or their own exit codes extend this.
 */
public class OneShotCommand implements Command {

	/** The flag every one-shot command takes: its report as one JSON document. */
	public static final String JSON = "--json";

	/** What the command does, once the database is up and Flyway is configured. */
	@FunctionalInterface
	public interface Action {

		Report run(ApplicationContext context, Options options);

	}

	private final String name;

	private final String summary;

	private final boolean changesSchema;

	private final Set<String> flags = new HashSet<>(Set.of(JSON));

	private final Set<String> valued;

	private final Action action;

	/**
	 * @param name the name an operator types
	 * @param summary one line for the usage listing
	 * @param changesSchema whether the command changes the schema, and so runs as
	 * MIGRATION_DATABASE_URL's role
	 * @param action what it does
	 */
	public OneShotCommand(String name, String summary, boolean changesSchema, Action action) {
		this(name, summary, changesSchema, Set.of(), Set.of(), action);
	}

	protected OneShotCommand(String name, String summary, boolean changesSchema, Set<String> flags, Set<String> valued,
			Action action) {
		this.name = name;
		this.summary = summary;
		this.changesSchema = changesSchema;
		this.flags.addAll(flags);
		this.valued = valued;
		this.action = action;
	}

	@Override
	public final String name() {
		return this.name;
	}

	@Override
	public final String summary() {
		return this.summary;
	}

	@Override
	public final ExitCode run(Invocation invocation) {
		Options options = Options.parse(this.name, invocation.arguments(), this.flags, this.valued);
		check(options);
		Settings settings = invocation.settings();
		Shutdown shutdown = new Shutdown(settings, this.name, Shutdown.TERMINATED).install();
		try (ConfigurableApplicationContext context = Contexts.oneShot(this.name, invocation, settings,
				this.changesSchema, shutdown)) {
			Report report;
			try {
				report = this.action.run(context, options);
			}
			catch (RuntimeException ex) {
				throw FlywayFailures.translate(ex);
			}
			Output.print(invocation.out(), report, options.has(JSON));
			return exitCode(report, options);
		}
		finally {
			shutdown.uninstall();
		}
	}

	/** Check the options' values before anything connects. */
	protected void check(Options options) {
	}

	/** The exit code for a report that was printed. */
	protected ExitCode exitCode(Report report, Options options) {
		return ExitCode.OK;
	}

	/** The context's Flyway, configured as every command uses it. */
	public static Flyway flyway(ApplicationContext context) {
		return context.getBean(Flyway.class);
	}

}
