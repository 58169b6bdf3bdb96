package io.schemagate.migration;

import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.schemagate.launcher.Settings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Flyway as every command uses it. Spring Boot's auto-configuration builds Flyway from
 * {@code spring.flyway.*}; this adds what must hold whatever those properties say, and
 * decides whether migrations run while the context starts.
 */
@Configuration(proxyBeanMethods = false)
public class MigrationConfiguration {

	/** Whether to apply pending migrations while the context starts. */
	public static final String MIGRATE_ON_START = "schemagate.migrate-on-start";

	/** How long a migrator waits for another one's lock (MIGRATION_LOCK_WAIT). */
	public static final String LOCK_WAIT = "schemagate.migration-lock-wait";

	/** PostgreSQL's lock_timeout in migration sessions (MIGRATION_LOCK_TIMEOUT). */
	public static final String LOCK_TIMEOUT = "schemagate.migration-lock-timeout";

	/** LOCK_TIMEOUT as a value to inject, 10s when not set. */
	private static final String LOCK_TIMEOUT_OR_DEFAULT = "${" + LOCK_TIMEOUT + ":10s}";

	/** PostgreSQL's statement_timeout in migration sessions (MIGRATION_STATEMENT_TIMEOUT); 0 for none. */
	public static final String STATEMENT_TIMEOUT = "schemagate.migration-statement-timeout";

	/** Whether each run applies its pending migrations as one batch (MIGRATION_BATCH). */
	public static final String BATCH = "schemagate.migration-batch";

	/** What serve does when migrations are pending: wait, fail or off (SCHEMA_CHECK). */
	public static final String SCHEMA_CHECK = "schemagate.schema-check";

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
	NonTransactionalLockTimeout nonTransactionalLockTimeout(@Value(LOCK_TIMEOUT_OR_DEFAULT) Duration lockTimeout) {
		return new NonTransactionalLockTimeout(lockTimeout);
	}

	@Bean
	BatchMigration batchMigration(MigrationProgress progress, @Value("${" + LOCK_WAIT + ":5m}") Duration lockWait) {
		return new BatchMigration(progress, lockWait);
	}

	@Bean
	Migrator migrator(MigrationProgress progress, MigrationMetrics metrics, BatchMigration batchMigration,
			Settings settings) {
		return new Migrator(progress, metrics, settings.migrationBatch() ? batchMigration : null,
				new Migrator.Policy(settings.migrationLockWait(), settings.migrationLockRetries(),
						settings.migrationDatabase(), settings.dbWaitTimeout()));
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
	FlywayConfigurationCustomizer safeMigrationSettings(@Value(LOCK_TIMEOUT_OR_DEFAULT) Duration lockTimeout,
			@Value("${" + STATEMENT_TIMEOUT + ":0}") Duration statementTimeout) {
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
	FlywayMigrationStrategy migrationStrategy(Migrator migrator,
			@Value("${" + MIGRATE_ON_START + ":false}") boolean migrateOnStart,
			@Value("${" + SCHEMA_CHECK + ":wait}") String schemaCheck) {
		return (flyway) -> {
			if (migrateOnStart) {
				migrator.migrate(flyway);
			}
			else if ("fail".equalsIgnoreCase(schemaCheck)) {
				StatusReport status;
				try {
					status = StatusReport.of(flyway);
				}
				catch (RuntimeException ex) {
					throw FlywayFailures.translate(ex);
				}
				List<String> refused = status.refused()
					.stream()
					.filter((mismatch) -> !mismatch.isAppliedElsewhere())
					.map((mismatch) -> mismatch.name() + ": " + mismatch.problem())
					.toList();
				if (!refused.isEmpty()) {
					throw new SchemaBehindException("migrate would refuse to run over this schema ("
							+ String.join("; ", refused) + "); run 'status' for the fix (SCHEMA_CHECK=fail)");
				}
				if (!status.pending().isEmpty()) {
					throw new SchemaBehindException("the schema is at version " + Versions.show(status.currentVersion())
							+ " and this build needs " + status.pending().stream().map(MigrationItem::name).toList()
							+ "; run migrate first (SCHEMA_CHECK=fail)");
				}
			}
		};
	}

}
