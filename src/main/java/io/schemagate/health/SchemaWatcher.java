package io.schemagate.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.schemagate.database.SqlErrors;
import io.schemagate.migration.FlywayFailures;
import io.schemagate.migration.SchemaReading;

/**
 * Reads Flyway's state at start, before the port opens, and then every interval, without
 * changing anything, so that readiness follows the schema: not ready while migrations
 * this build needs are pending, ready by itself once another process applied them.
 */
class SchemaWatcher implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(SchemaWatcher.class);

	private final Flyway flyway;

	private final SchemaState state;

	private final Duration interval;

	private final boolean enabled;

	private ScheduledExecutorService scheduler;

	SchemaWatcher(Flyway flyway, SchemaState state, Duration interval, boolean enabled) {
		this.flyway = flyway;
		this.state = state;
		this.interval = interval;
		this.enabled = enabled;
	}

	/** Read the schema once and record what was found. */
	void check() {
		SchemaState.Snapshot reading;
		try {
			SchemaReading schema = SchemaReading.of(this.flyway);
			reading = new SchemaState.Snapshot(true, schema.currentVersion(), schema.pending(), schema.ahead(),
					schema.refused(), Instant.now(), null);
		}
		catch (RuntimeException failure) {
			RuntimeException ex = FlywayFailures.translate(failure);
			java.sql.SQLException cause = SqlErrors.find(ex);
			reading = new SchemaState.Snapshot(true, null, List.of(), List.of(), List.of(), Instant.now(),
					SqlErrors.firstLine((cause != null) ? cause.getMessage() : ex.getMessage()));
		}
		report(this.state.set(reading), reading);
	}

	/** Log changes only: one line when readiness changes, not one per interval. */
	private static void report(SchemaState.Snapshot before, SchemaState.Snapshot now) {
		if (now.error() != null) {
			if (!Objects.equals(before.error(), now.error())) {
				logger.warn("schema check failed, not ready: {}", now.error());
			}
		}
		else if (!now.refused().isEmpty()) {
			if (!now.refused().equals(before.refused()) || before.error() != null) {
				logger.warn("migrate would refuse to run over this schema ({}); not ready until that is fixed"
						+ " ('status' says how)", String.join("; ", now.refused()));
			}
		}
		else if (!now.pending().isEmpty()) {
			if (!now.pending().equals(before.pending()) || before.error() != null) {
				logger.warn("schema is at version {} and this build needs {}: not ready until they are applied",
						Objects.requireNonNullElse(now.currentVersion(), "empty"), now.pending());
			}
		}
		else if (!before.checked() || !before.pending().isEmpty() || !before.refused().isEmpty()
				|| before.error() != null) {
			logger.info("schema is at version {}: ready{}", Objects.requireNonNullElse(now.currentVersion(), "empty"),
					now.ahead().isEmpty() ? "" : " (applied by a newer build: " + now.ahead() + ")");
		}
	}

	@Override
	public boolean isAutoStartup() {
		return this.enabled;
	}

	@Override
	public void start() {
		check();
		this.scheduler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "schema-watcher");
			thread.setDaemon(true);
			return thread;
		});
		this.scheduler.scheduleWithFixedDelay(this::check, this.interval.toMillis(), this.interval.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null && !this.scheduler.isShutdown();
	}

	/** Before the web server's phase, so the first reading exists when the port opens. */
	@Override
	public int getPhase() {
		return 0;
	}

}
