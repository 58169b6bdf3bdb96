package io.schemagate.migration;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Micrometer meters for migrations, exposed by {@code serve} at /actuator/prometheus:
 * how many this process applied, how long each took, and how long it waited for the
 * migration lock.
 */
public class MigrationMetrics {

	private final MeterRegistry registry;

	private final Counter applied;

	private final Timer lockWait;

	public MigrationMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.applied = Counter.builder("schemagate.migrations.applied")
			.description("Migrations applied by this process")
			.register(registry);
		this.lockWait = Timer.builder("schemagate.migration.lock.wait")
			.description("Time spent waiting for another migrator's lock")
			.register(registry);
	}

	void migrationApplied(MigrationInfo migration, Duration duration) {
		this.applied.increment();
		Timer.builder("schemagate.migration.duration")
			.description("Time each migration took")
			.tag("version", (migration.getVersion() != null) ? migration.getVersion().getVersion() : "repeatable")
			.tag("description", migration.getDescription())
			.register(this.registry)
			.record(duration);
	}

	void lockWaited(Duration duration) {
		this.lockWait.record(duration);
	}

}
