package io.schemagate.migration;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.schemagate.database.DatabaseUnreachableException;
import io.schemagate.database.LockBlockers;
import io.schemagate.database.SqlErrors;

/**
 * Applies pending migrations and turns Flyway's failures into the few kinds the launcher
 * maps to exit codes, each with a one-line message.
 */
public class Migrator {

	private static final Logger logger = LoggerFactory.getLogger(Migrator.class);

	/** Flyway's own wording when its advisory-lock retries run out. */
	private static final String LOCK_RETRIES_EXCEEDED = "Number of retries exceeded while attempting to acquire";

	/** Flyway's own wording when one transaction for the run cannot hold one of its migrations. */
	private static final String MIXED_GROUP = "Detected both transactional and non-transactional migrations"
			+ " within the same migration group";

	/** Where Flyway's message above names the migration. */
	private static final String FIRST_OFFENDING = "First offending migration: ";

	/** One migration run at a time per JVM; read by the launcher's SIGTERM handling. */
	private static final AtomicBoolean running = new AtomicBoolean();

	/** SQLSTATE 55P03: lock_timeout expired. */
	private static final String LOCK_NOT_AVAILABLE = "55P03";

	private final MigrationProgress progress;

	private final MigrationMetrics metrics;

	private final Duration lockWait;

	private final BatchMigration batch;

	/**
	 * @param progress the callback that follows each migration
	 * @param metrics where waits are recorded
	 * @param lockWait how long to wait for another migrator's lock
	 * @param batch the batch that applies each run, or null to leave every run to Flyway
	 */
	public Migrator(MigrationProgress progress, MigrationMetrics metrics, Duration lockWait, BatchMigration batch) {
		this.progress = progress;
		this.metrics = metrics;
		this.lockWait = lockWait;
		this.batch = batch;
	}

	/** Whether a migration run is in progress in this JVM. */
	public static boolean isRunning() {
		return running.get();
	}

	/**
	 * Apply every pending migration, each in its own transaction where it can run in one
	 * (with SPRING_FLYWAY_GROUP or MIGRATION_BATCH, all of them in one).
	 * @param flyway the configured Flyway
	 * @return what was applied
	 * @throws MigrationFailedException when a migration fails
	 * @throws MigrationLockTimeoutException when another migrator holds the lock too long
	 */
	public MigrationSummary migrate(Flyway flyway) {
		long start = System.nanoTime();
		running.set(true);
		try (MigrationLock lock = MigrationLock.acquire(flyway.getConfiguration().getDataSource(),
				lockScope(flyway), this.lockWait)) {
			this.metrics.lockWaited(lock.waited());
			// Read before Flyway's info, so that the batch notices any row written after it.
			HistoryTable.State history = (this.batch != null)
					? HistoryTable.state(flyway.getConfiguration(), lock.connection()) : null;
			MigrationInfoService before = flyway.info();
			MigrationInfo[] pending = before.pending();
			this.progress.begin(pending.length);
			if (this.batch != null && pending.length > 0) {
				armBatch(flyway, before, history);
			}
			MigrateResult result;
			List<MigrationInfo> batched;
			try {
				result = flyway.migrate();
			}
			finally {
				batched = (this.batch != null) ? this.batch.disarm() : List.of();
			}
			MigrationSummary summary = summary(before, result, batched, start);
			logger.info("migrate: {}", summary.text());
			return summary;
		}
		catch (FlywayException ex) {
			throw translate(ex, flyway);
		}
		catch (SQLException ex) {
			throw translate(new FlywayException(ex.getMessage(), ex), flyway);
		}
		finally {
			running.set(false);
		}
	}

	private void armBatch(Flyway flyway, MigrationInfoService before, HistoryTable.State history) {
		BatchPlan plan = BatchPlan.of(flyway.getConfiguration(), before);
		if (plan.refusal() != null) {
			// Where there is none (byFlyway null), Flyway's group mode refuses the run; translate says why and what to do.
			if (plan.byFlyway() != null) {
				logger.warn("batch: {}; Flyway applies the run instead, {}", plan.refusal(), plan.byFlyway());
			}
			return;
		}
		this.batch.arm(plan, history);
	}

	private static MigrationSummary summary(MigrationInfoService before, MigrateResult result,
			List<MigrationInfo> batched, long start) {
		String from = Versions.of(before.current());
		String to;
		if (!batched.isEmpty()) {
			to = batched.stream().map(Versions::of).filter((version) -> version != null).reduce((a, b) -> b).orElse(from);
		}
		else {
			// Flyway leaves the versions null when it applied nothing.
			from = (result.initialSchemaVersion != null) ? result.initialSchemaVersion : from;
			to = (result.targetSchemaVersion != null) ? result.targetSchemaVersion : from;
		}
		return new MigrationSummary(batched.size() + result.migrationsExecuted, from, to,
				Duration.ofNanos(System.nanoTime() - start).toMillis(), !batched.isEmpty());
	}

	/** Flyway's validation message is a paragraph; its "Detected ..." line says what. */
	private static String validationDetail(String message) {
		return message.lines()
			.map(String::strip)
			.filter((line) -> line.startsWith("Detected"))
			.findFirst()
			.orElse(SqlErrors.firstLine(message));
	}

	private static String lockScope(Flyway flyway) {
		String[] schemas = flyway.getConfiguration().getSchemas();
		String schema = (flyway.getConfiguration().getDefaultSchema() != null)
				? flyway.getConfiguration().getDefaultSchema() : (schemas.length > 0) ? schemas[0] : "";
		return schema + "." + flyway.getConfiguration().getTable();
	}

	private RuntimeException translate(FlywayException ex, Flyway flyway) {
		RuntimeException known = FlywayFailures.translate(ex);
		if (known != ex) {
			return known;
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof MigrationLockTimeoutException lockTimeout) {
				// The batch waits for Flyway's lock inside a callback, which Flyway wraps.
				return lockTimeout;
			}
		}
		String message = (ex.getMessage() != null) ? ex.getMessage() : "";
		if (message.contains(LOCK_RETRIES_EXCEEDED)) {
			return new MigrationLockTimeoutException(
					"another migrator held the migration lock longer than MIGRATION_LOCK_WAIT allows; "
							+ "wait for it to finish, then run migrate again",
					ex);
		}
		SQLException sqlException = SqlErrors.find(ex);
		MigrationInfo failed = this.progress.current();
		if (failed == null && sqlException != null && SqlErrors.isConnectionFailure(sqlException)) {
			return new DatabaseUnreachableException("lost the database connection: " + SqlErrors.firstLine(sqlException.getMessage()));
		}
		if (message.contains(MIXED_GROUP)) {
			int named = message.indexOf(FIRST_OFFENDING);
			String which = (named < 0) ? ""
					: " (" + SqlErrors.firstLine(message.substring(named + FIRST_OFFENDING.length())) + ")";
			String setting = (this.batch != null) ? "MIGRATION_BATCH=true" : "SPRING_FLYWAY_GROUP=true";
			return new MigrationFailedException("a migration of this run must run outside a transaction" + which
					+ ", and " + setting + " puts the whole run in one; nothing was applied. Apply this release"
					+ " without " + setting, ex);
		}
		if (ex instanceof FlywayValidateException) {
			return new MigrationFailedException("the database's history disagrees with this build ("
					+ validationDetail(message) + "); nothing was applied. Run 'validate' to see each mismatch and its fix",
					ex);
		}
		String cause = SqlErrors.firstLine((sqlException != null) ? sqlException.getMessage() : message);
		if (sqlException != null && LOCK_NOT_AVAILABLE.equals(sqlException.getSQLState())) {
			cause += " (MIGRATION_LOCK_TIMEOUT); " + LockBlockers.describe(flyway.getConfiguration().getDataSource());
		}
		if (failed == null) {
			return new MigrationFailedException("migration failed: " + cause, ex);
		}
		String outcome;
		if (!this.progress.currentIsTransactional()) {
			outcome = "it ran outside a transaction and may be partly applied; run 'repair', fix the cause, then migrate again";
		}
		else if (flyway.getConfiguration().isGroup()) {
			outcome = "the one transaction of this run was rolled back, so none of its migrations was applied";
		}
		else {
			outcome = "it was rolled back, and the schema stays at the last version applied in full";
		}
		return new MigrationFailedException(
				"migration " + Versions.name(failed) + " failed: " + cause + "; " + outcome, ex);
	}

}
