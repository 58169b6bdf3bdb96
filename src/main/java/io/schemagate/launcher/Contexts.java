package io.schemagate.launcher;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.annotation.Import;

import io.schemagate.database.DatabaseTarget;
import io.schemagate.database.DatabaseWait;
import io.schemagate.database.DatabaseWaiter;
import io.schemagate.drift.DriftConfiguration;
import io.schemagate.failure.ExitCode;
import io.schemagate.lint.LintConfiguration;
import io.schemagate.migration.MigrationConfiguration;
import io.schemagate.migration.OnStart;
import io.schemagate.postdeploy.PostDeployConfiguration;
import io.schemagate.settings.Settings;
import io.schemagate.undo.UndoConfiguration;

/**
 * Starts the Spring contexts the commands run in: the web application for {@code serve},
 * and a small context with only Flyway for the one-shot commands, which need no web
 * server, no pool and no actuator and are waited on at every deploy.
 * <p>
 * The settings reach Spring as the highest-priority property source, so Spring Boot's
 * own variables ({@code SPRING_FLYWAY_LOCATIONS}, {@code SERVER_PORT}, ...) keep working
 * for everything the launcher does not decide.
 */
public final class Contexts {

	/** The profile that switches logback-spring.xml to structured JSON. */
	static final String JSON_LOGS_PROFILE = "json-logs";

	private Contexts() {
	}

	/**
	 * Run the web application until it is stopped (SIGTERM: a graceful shutdown), migrating
	 * first when {@code RUN_MIGRATIONS=true}.
	 * @return the code to exit with once it has stopped
	 */
	public static ExitCode serve(Class<?> application, Invocation invocation) throws InterruptedException {
		Settings settings = invocation.settings();
		Shutdown shutdown = new Shutdown(settings, "serve", ExitCode.OK.code()).install();
		ConfigurableApplicationContext context;
		try {
			context = serve(application, invocation, settings, shutdown);
		}
		catch (RuntimeException ex) {
			shutdown.uninstall();
			throw ex;
		}
		CountDownLatch closed = new CountDownLatch(1);
		context.addApplicationListener((event) -> {
			if (event instanceof ContextClosedEvent) {
				closed.countDown();
			}
		});
		if (context.isActive()) {
			closed.await();
		}
		return ExitCode.OK;
	}

	private static ConfigurableApplicationContext serve(Class<?> application, Invocation invocation, Settings settings,
			Shutdown shutdown) {
		SpringApplication app = new SpringApplication(application);
		app.setWebApplicationType(WebApplicationType.SERVLET);
		return run(app, invocation, settings, "serve", settings.runMigrations(), shutdown);
	}

	/** A context with Flyway and nothing else, for a one-shot command. */
	static ConfigurableApplicationContext oneShot(String command, Invocation invocation, Settings settings,
			boolean changesSchema, Shutdown shutdown) {
		SpringApplication app = new SpringApplication(OneShot.class);
		app.setWebApplicationType(WebApplicationType.NONE);
		app.setLogStartupInfo(false);
		return run(app, invocation, settings, command, changesSchema, shutdown);
	}

	/**
	 * @param changesSchema whether the command changes the schema, and so connects Flyway
	 * as the owner role (MIGRATION_DATABASE_URL) rather than the runtime role
	 */
	private static ConfigurableApplicationContext run(SpringApplication app, Invocation invocation, Settings settings,
			String command, boolean changesSchema, Shutdown shutdown) {
		app.setEnvironment(
				new InvocationEnvironment(invocation.environment(), properties(settings, command, changesSchema)));
		if (settings.logFormat().structuredFormat() != null) {
			app.setAdditionalProfiles(JSON_LOGS_PROFILE);
		}
		app.setBannerMode(Banner.Mode.OFF);
		// Shutdown closes the context itself, so that it decides the exit code.
		app.setRegisterShutdownHook(false);
		app.addInitializers((context) -> {
			shutdown.starting(context);
			context.getBeanFactory().registerSingleton("settings", settings);
			context.getBeanFactory().registerSingleton("onStart", onStart(command, settings));
			if (CdsTraining.isTraining()) {
				CdsTraining.loadDatabaseClasses(context.getClassLoader());
				return;
			}
			// Logging is set up by now, so the wait is logged like everything else.
			DatabaseWaiter waiter = new DatabaseWaiter(settings.dbWaitTimeout());
			Duration waited = waiter.waitFor(changesSchema ? settings.migrationDatabase() : settings.database());
			if (changesSchema && "serve".equals(command) && !settings.migrationDatabase().equals(settings.database())) {
				waited = waited.plus(waiter.waitFor(settings.database()));
			}
			context.getBeanFactory().registerSingleton("databaseWait", new DatabaseWait(waited));
		});
		return app.run();
	}

	/** What Flyway's start-up hook does in this context: only serve migrates or checks. */
	private static OnStart onStart(String command, Settings settings) {
		if (!"serve".equals(command)) {
			return OnStart.NOTHING;
		}
		if (settings.runMigrations()) {
			return OnStart.MIGRATE;
		}
		return (settings.schemaCheck() == Settings.SchemaCheck.FAIL) ? OnStart.REFUSE_A_SCHEMA_BEHIND : OnStart.NOTHING;
	}

	/**
	 * The properties Spring Boot itself must read, derived from the settings: where and as
	 * whom to connect, Flyway's own settings, the log format. Everything else of ours
	 * reaches beans as the {@link Settings} bean.
	 */
	static Map<String, Object> properties(Settings settings, String command, boolean changesSchema) {
		Map<String, Object> properties = new LinkedHashMap<>();
		// application_name tells operators in pg_stat_activity who is who.
		DatabaseTarget database = settings.database()
			.withParameter("ApplicationName", ApplicationNames.of(command, ""));
		DatabaseTarget migration = (changesSchema ? settings.migrationDatabase() : settings.database())
			.withParameter("ApplicationName", ApplicationNames.of(command, ApplicationNames.MIGRATOR));
		properties.put("spring.datasource.url", database.jdbcUrl());
		properties.put("spring.datasource.username", database.user());
		properties.put("spring.flyway.url", migration.jdbcUrl());
		properties.put("spring.flyway.user", migration.user());
		if (database.password() != null) {
			properties.put("spring.datasource.password", database.password());
		}
		if (migration.password() != null) {
			properties.put("spring.flyway.password", migration.password());
		}
		// Flyway's own settings, which Spring Boot reads. Our own lock bounds the wait
		// (MIGRATION_LOCK_WAIT); Flyway's, underneath, gets as long.
		properties.put("spring.flyway.lock-retry-count", lockRetries(settings.migrationLockWait()));
		if (settings.migrationBatch()) {
			// Where the batch cannot apply a run, Flyway's group mode does: one transaction either way.
			properties.put("spring.flyway.group", true);
		}
		if (settings.logFormat().structuredFormat() != null) {
			properties.put("logging.structured.format.console", settings.logFormat().structuredFormat());
		}
		return properties;
	}

	private static long lockRetries(Duration lockWait) {
		// Flyway polls its lock once a second.
		return Math.max(1, (lockWait.toMillis() + 999) / 1000);
	}

	/** The one-shot context: Flyway from Spring Boot's auto-configuration, and ours. */
	@ImportAutoConfiguration(FlywayAutoConfiguration.class)
	@Import({ MigrationConfiguration.class, LintConfiguration.class, UndoConfiguration.class, DriftConfiguration.class,
			PostDeployConfiguration.class })
	static class OneShot {

	}

}
