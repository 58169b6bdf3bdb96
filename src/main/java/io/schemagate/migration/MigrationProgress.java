package io.schemagate.migration;

import java.time.Duration;
import java.util.List;

import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flyway callback that logs each migration as it starts and ends, and remembers the
 * one in progress so that a failure can name it.
 */
public class MigrationProgress implements Callback {

	private static final Logger logger = LoggerFactory.getLogger(MigrationProgress.class);

	private final MigrationMetrics metrics;

	private volatile MigrationInfo current;

	private volatile long startedAt;

	private volatile int index;

	private volatile int total;

	private volatile boolean transactional;

	private volatile int appliedInAttempt;

	public MigrationProgress(MigrationMetrics metrics) {
		this.metrics = metrics;
	}

	/** Start counting for a run that expects {@code total} pending migrations. */
	void begin(int total) {
		this.total = total;
		this.index = 0;
		this.current = null;
		this.appliedInAttempt = 0;
	}

	/** How many migrations were applied since {@link #begin}, committed unless the run is one transaction. */
	int appliedInAttempt() {
		return this.appliedInAttempt;
	}

	/** The migration in progress, or null between migrations. */
	MigrationInfo current() {
		return this.current;
	}

	/** Whether the migration in progress runs inside a transaction. */
	boolean currentIsTransactional() {
		return this.transactional;
	}

	@Override
	public boolean supports(Event event, Context context) {
		return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE
				|| event == Event.AFTER_EACH_MIGRATE_ERROR;
	}

	@Override
	public boolean canHandleInTransaction(Event event, Context context) {
		return true;
	}

	@Override
	public void handle(Event event, Context context) {
		MigrationInfo migration = context.getMigrationInfo();
		switch (event) {
			case BEFORE_EACH_MIGRATE -> started(migration, isTransactional(context));
			case AFTER_EACH_MIGRATE -> applied(migration);
			case AFTER_EACH_MIGRATE_ERROR -> failed(migration);
			default -> {
			}
		}
	}

	/** {@code migration} starts, in Flyway's run. */
	void started(MigrationInfo migration, boolean transactional) {
		this.current = migration;
		this.startedAt = System.nanoTime();
		this.index++;
		this.transactional = transactional;
		logger.info("applying {} ({}/{}){}", Versions.name(migration), this.index, Math.max(this.total, this.index),
				transactional ? "" : " outside a transaction");
	}

	/** {@code migration}, the one that {@link #started} last, is applied. */
	void applied(MigrationInfo migration) {
		applied(migration, elapsed());
	}

	/** {@code migration} is applied and took {@code took}, as the batch measured it. */
	public void applied(MigrationInfo migration, Duration took) {
		this.metrics.migrationApplied(migration, took);
		this.appliedInAttempt++;
		logger.info("applied {} in {} ms", Versions.name(migration), took.toMillis());
		this.current = null;
	}

	/** The batch sends {@code migrations}, the {@code first}-th of the run and those after it. */
	public void sending(List<MigrationInfo> migrations, int first) {
		this.transactional = true;
		logger.info("applying {} to {} ({}-{}/{}) in the run's transaction", Versions.name(migrations.get(0)),
				Versions.name(migrations.get(migrations.size() - 1)), first, first + migrations.size() - 1,
				Math.max(this.total, first + migrations.size() - 1));
	}

	/** {@code migration} failed in the batch; it becomes {@link #current}, so that the report can name it. */
	public void failedInBatch(MigrationInfo migration) {
		this.current = migration;
		this.transactional = true;
		logger.error("failed {}; the run's transaction was rolled back", Versions.name(migration));
	}

	/** {@code migration} failed; it becomes {@link #current}, so that the report can name it. */
	void failed(MigrationInfo migration) {
		this.current = migration;
		logger.error("failed {} after {} ms{}", Versions.name(migration), elapsed().toMillis(),
				this.transactional ? "; its transaction was rolled back" : "");
	}

	/** Whether the migration of {@code context} runs in a transaction (when in doubt, yes). */
	static boolean isTransactional(Context context) {
		try {
			return !context.getConnection().getAutoCommit();
		}
		catch (java.sql.SQLException ex) {
			return true;
		}
	}

	private Duration elapsed() {
		return Duration.ofNanos(System.nanoTime() - this.startedAt);
	}

	@Override
	public String getCallbackName() {
		return "schemagate-progress";
	}

}
