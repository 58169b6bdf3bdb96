package io.schemagate.migration;

import org.flywaydb.core.Flyway;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import io.schemagate.migration.batch.BatchMigration;
import io.schemagate.settings.Settings;

/**
 * Flyway as every command uses it. Spring Boot's auto-configuration builds Flyway from
 * {@code spring.flyway.*}; this adds what must hold whatever those properties say, and
 * decides whether migrations run while the context starts.
 */
@Configuration(proxyBeanMethods = false)
public class MigrationConfiguration {

	@Bean
	MigrationMetrics migrationMetrics(ObjectProvider<MeterRegistry> registry) {
		// One-shot commands have no actuator: their meters go nowhere.
		return new MigrationMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Bean
	MigrationProgress migrationProgress(MigrationMetrics metrics) {
		return new MigrationProgress(metrics);
	}

	@Bean
	NonTransactionalLockTimeout nonTransactionalLockTimeout(Settings settings) {
		return new NonTransactionalLockTimeout(settings.migrationLockTimeout());
	}

	@Bean
	BatchMigration batchMigration(MigrationProgress progress, Settings settings) {
		return new BatchMigration(progress, settings.migrationLockWait());
	}

	@Bean
	Migrator migrator(MigrationProgress progress, MigrationMetrics metrics, BatchMigration batchMigration,
			Settings settings, ObjectProvider<MigrationGate> gate) {
		return new Migrator(progress, metrics, settings.migrationBatch() ? batchMigration : null,
				new Migrator.Policy(settings.migrationLockWait(), settings.migrationLockRetries(),
						settings.migrationDatabase(), settings.dbWaitTimeout()),
				gate.getIfAvailable(() -> (flyway) -> {
				}));
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	RunningMigrationLock runningMigrationLock() {
		return new RunningMigrationLock();
	}

	/**
	 * Settings no property may undo. Flyway's default PostgreSQL lock is an advisory lock
	 * taken inside a transaction; a second migrator waiting on it keeps that transaction
	 * open, and {@code CREATE INDEX CONCURRENTLY} in the first one then waits for it
	 * forever (flyway/flyway#3682). The session-level lock has no transaction to wait on.
	 * Clean drops every object in the schema: never a launcher's job.
	 */
	@Bean
	FlywayConfigurationCustomizer safeMigrationSettings(Settings settings) {
		Duration lockTimeout = settings.migrationLockTimeout();
		Duration statementTimeout = settings.migrationStatementTimeout();
		return (configuration) -> {
			configuration.getPluginRegister()
				.getExact(PostgreSQLConfigurationExtension.class)
				.setTransactionalLock(false);
			configuration.cleanDisabled(true);
			configuration.initSql(sessionSettings(configuration.getInitSql(), lockTimeout, statementTimeout));
		};
	}

	/**
	 * Every file Flyway would read is checked before Flyway reads any (after every other
	 * customizer, on the locations they leave): a file Flyway would skip in silence, or a
	 * folder it would loop in, fails the command that builds this Flyway.
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	FlywayConfigurationCustomizer migrationFileCheck() {
		return MigrationFileCheck::check;
	}

	/**
	 * A migration that queues behind a long transaction for its table lock would block
	 * every query that queues behind it: lock_timeout makes it fail fast instead. And a
	 * migrator killed outright (kill -9, a node lost) leaves its statement running, with
	 * its locks and the migration lock, until PostgreSQL next writes to the dead socket:
	 * client_connection_check_interval (PostgreSQL 14 and later) has the server notice
	 * within a second and roll back.
	 */
	static String sessionSettings(String userInitSql, Duration lockTimeout, Duration statementTimeout) {
		String settings = "SET lock_timeout = " + lockTimeout.toMillis() + ";\nSET statement_timeout = "
				+ statementTimeout.toMillis() + ";\n"
				+ "SELECT set_config('client_connection_check_interval', '1000', false)"
				+ " WHERE current_setting('server_version_num')::int >= 140000;";
		return (userInitSql == null || userInitSql.isBlank()) ? settings : userInitSql + ";\n" + settings;
	}

	/**
	 * Spring Boot applies this while the context starts, before the web server opens its
	 * port, so nothing is served until the schema is current.
	 */
	@Bean
	FlywayMigrationStrategy migrationStrategy(Migrator migrator, ObjectProvider<OnStart> onStart,
			ObjectProvider<StartingMigrations> starting) {
		OnStart start = onStart.getIfAvailable(() -> OnStart.NOTHING);
		return (flyway) -> {
			if (start == OnStart.MIGRATE) {
				starting.getIfAvailable(() -> migrator::migrate).apply(flyway);
			}
			else if (start == OnStart.REFUSE_A_SCHEMA_BEHIND) {
				refuseASchemaBehind(flyway);
			}
		};
	}

	/** SCHEMA_CHECK=fail: the same verdict as readiness, as a failure at start. */
	private static void refuseASchemaBehind(Flyway flyway) {
		SchemaReading schema;
		try {
			schema = SchemaReading.of(flyway);
		}
		catch (RuntimeException ex) {
			throw FlywayFailures.translate(ex);
		}
		if (!schema.refused().isEmpty()) {
			throw new SchemaBehindException("migrate would refuse to run over this schema ("
					+ String.join("; ", schema.refused()) + "); run 'status' for the fix (SCHEMA_CHECK=fail)");
		}
		if (!schema.pending().isEmpty()) {
			throw new SchemaBehindException("the schema is at version " + Versions.show(schema.currentVersion())
					+ " and this build needs " + schema.pendingNames() + "; run migrate first (SCHEMA_CHECK=fail)");
		}
	}

}
