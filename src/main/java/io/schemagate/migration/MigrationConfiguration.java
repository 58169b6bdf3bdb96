package io.schemagate.migration;

import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Flyway as every command uses it. Spring Boot's auto-configuration builds Flyway from
 * {@code spring.flyway.*}; this adds what must hold whatever those properties say, and
 * decides whether migrations run while the context starts.
 */
@Configuration(proxyBeanMethods = false)
public class MigrationConfiguration {

	/** Whether to apply pending migrations while the context starts. */
	public static final String MIGRATE_ON_START = "schemagate.migrate-on-start";

	@Bean
	MigrationProgress migrationProgress() {
		return new MigrationProgress();
	}

	@Bean
	Migrator migrator(MigrationProgress progress) {
		return new Migrator(progress);
	}

	/**
	 * Settings no property may undo. Flyway's default PostgreSQL lock is an advisory lock
	 * taken inside a transaction; a second migrator waiting on it keeps that transaction
	 * open, and {@code CREATE INDEX CONCURRENTLY} in the first one then waits for it
	 * forever (flyway/flyway#3682). The session-level lock has no transaction to wait on.
	 * Clean drops every object in the schema: never a launcher's job.
	 */
	@Bean
	FlywayConfigurationCustomizer safeMigrationSettings() {
		return (configuration) -> {
			configuration.getPluginRegister()
				.getExact(PostgreSQLConfigurationExtension.class)
				.setTransactionalLock(false);
			configuration.cleanDisabled(true);
		};
	}

	/**
	 * Spring Boot applies this while the context starts, before the web server opens its
	 * port, so nothing is served until the schema is current.
	 */
	@Bean
	FlywayMigrationStrategy migrationStrategy(Migrator migrator,
			@Value("${" + MIGRATE_ON_START + ":false}") boolean migrateOnStart) {
		return (flyway) -> {
			if (migrateOnStart) {
				migrator.migrate(flyway);
			}
		};
	}

}
