package io.schemagate.launcher;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;

import io.schemagate.database.DatabaseTarget;
import io.schemagate.database.DatabaseWait;
import io.schemagate.database.DatabaseWaiter;
import io.schemagate.migration.MigrationConfiguration;

/**
 * Starts the Spring contexts the commands run in: the web application for {@code serve},
 * and a small context with only Flyway for the one-shot commands, which need no web
 * server, no pool and no actuator and are waited on at every deploy.
 * <p>
 * The settings reach Spring as the highest-priority property source, so Spring Boot's
 * own variables ({@code SPRING_FLYWAY_LOCATIONS}, {@code SERVER_PORT}, ...) keep working
 * for everything the launcher does not decide.
 */
final class Contexts {

	/** The profile that switches logback-spring.xml to structured JSON. */
	static final String JSON_LOGS_PROFILE = "json-logs";

	private Contexts() {
	}

	/** The web application, migrating first when {@code RUN_MIGRATIONS=true}. */
	static ConfigurableApplicationContext serve(Class<?> application, Invocation invocation, Settings settings,
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
		// Our own lock bounds the wait (MIGRATION_LOCK_WAIT); Flyway's, underneath, gets as long.
		properties.put("spring.flyway.lock-retry-count", lockRetries(settings.migrationLockWait()));
		properties.put(MigrationConfiguration.LOCK_WAIT, settings.migrationLockWait().toMillis() + "ms");
		properties.put(MigrationConfiguration.MIGRATE_ON_START, "serve".equals(command) && settings.runMigrations());
		properties.put(MigrationConfiguration.LOCK_TIMEOUT, settings.migrationLockTimeout().toMillis() + "ms");
		properties.put(MigrationConfiguration.STATEMENT_TIMEOUT, settings.migrationStatementTimeout().toMillis() + "ms");
		properties.put(MigrationConfiguration.SCHEMA_CHECK, settings.schemaCheck().name().toLowerCase());
		properties.put(MigrationConfiguration.BATCH, settings.migrationBatch());
		if (settings.migrationBatch()) {
			// Where the batch cannot apply a run, Flyway's group mode does: one transaction either way.
			properties.put("spring.flyway.group", true);
		}
		properties.put("schemagate.schema-check-interval", settings.schemaCheckInterval().toMillis() + "ms");
		if (settings.logFormat().structuredFormat() != null) {
			properties.put("logging.structured.format.console", settings.logFormat().structuredFormat());
		}
		return properties;
	}

	private static long lockRetries(Duration lockWait) {
		// Flyway polls its lock once a second.
		return Math.max(1, (lockWait.toMillis() + 999) / 1000);
	}

	/**
	 * Spring's environment over the invocation's variables rather than the process's, so
	 * that Spring reads exactly what the launcher was given, with the launcher's own
	 * properties first. They are there from the start, before logging is set up. A blank
	 * variable is unset here as it is for the launcher: an empty MANAGEMENT_SERVER_PORT
	 * would otherwise put the actuator on SERVER_PORT, a blank SERVER_PORT fail the start.
	 */
	static final class InvocationEnvironment extends StandardEnvironment {

		private final Map<String, String> variables;

		InvocationEnvironment(Map<String, String> variables, Map<String, Object> launcherProperties) {
			super(new MutablePropertySources());
			this.variables = (variables != null) ? withoutBlanks(variables) : null;
			customizePropertySources(getPropertySources());
			getPropertySources().addFirst(new MapPropertySource("schemagate", launcherProperties));
		}

		@Override
		protected void customizePropertySources(MutablePropertySources propertySources) {
			if (this.variables != null) {
				super.customizePropertySources(propertySources);
			}
		}

		@Override
		@SuppressWarnings({ "unchecked", "rawtypes" })
		public Map<String, Object> getSystemEnvironment() {
			return (Map) this.variables;
		}

		private static Map<String, String> withoutBlanks(Map<String, String> variables) {
			Map<String, String> set = new LinkedHashMap<>(variables);
			set.values().removeIf((value) -> value == null || value.isBlank());
			return set;
		}

	}

	/** The one-shot context: Flyway from Spring Boot's auto-configuration, and ours. */
	@ImportAutoConfiguration(FlywayAutoConfiguration.class)
	@Import(MigrationConfiguration.class)
	static class OneShot {

	}

}
