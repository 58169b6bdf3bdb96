package io.schemagate.health;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.schemagate.database.DatabaseWait;
import io.schemagate.settings.Settings;

/**
 * Schema-aware readiness, the schema in /actuator/info, and the pending-count and
 * database-wait meters, for the web application.
 */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

	@Bean
	SchemaState schemaState() {
		return new SchemaState();
	}

	/** With SCHEMA_CHECK=off it never starts, and so never reads the schema. */
	@Bean
	SchemaWatcher schemaWatcher(Flyway flyway, SchemaState state, Settings settings) {
		return new SchemaWatcher(flyway, state, settings.schemaCheckInterval(),
				settings.schemaCheck() != Settings.SchemaCheck.OFF);
	}

	@Bean
	MigrationsHealthIndicator migrationsHealthIndicator(SchemaState state, Settings settings) {
		return new MigrationsHealthIndicator(state, settings.schemaCheck() != Settings.SchemaCheck.OFF);
	}

	@Bean
	InfoContributor schemaInfoContributor(SchemaState state) {
		return (builder) -> {
			SchemaState.Snapshot snapshot = state.get();
			Map<String, Object> schema = new LinkedHashMap<>();
			schema.put("version", (snapshot.currentVersion() != null) ? snapshot.currentVersion() : "empty");
			schema.put("pending", snapshot.pending().size());
			schema.put("lastCheck", (snapshot.checkedAt() != null) ? snapshot.checkedAt().toString() : "never");
			builder.withDetail("schema", schema);
		};
	}

	@Bean
	MeterBinder schemaMeters(SchemaState state, ObjectProvider<DatabaseWait> databaseWait) {
		return (registry) -> {
			Gauge.builder("schemagate.migrations.pending", state, (current) -> current.get().pending().size())
				.description("Migrations this build needs that are not applied")
				.register(registry);
			Timer wait = Timer.builder("schemagate.database.wait")
				.description("Time spent waiting for the database at start")
				.register(registry);
			databaseWait.ifAvailable((waited) -> wait.record(waited.waited()));
		};
	}

}
