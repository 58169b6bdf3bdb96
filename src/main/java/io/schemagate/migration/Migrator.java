package io.schemagate.migration;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.schemagate.database.DatabaseTarget;
import io.schemagate.database.DatabaseUnreachableException;
import io.schemagate.database.DatabaseWaiter;
import io.schemagate.database.SqlErrors;

/**
 * Applies pending migrations, and tries a run again where its failure was no migration's
 * fault and the server rolled it back: a lost connection (once the database is back) and
 * a lock timeout or deadlock (after a growing, jittered pause, as GitLab's
 * {@code with_lock_retries} does). Every other failure becomes one of the kinds the
 * launcher maps to exit codes ({@link MigrationFailures}).
 */
public class Migrator {

	private static final Logger logger = LoggerFactory.getLogger(Migrator.class);

	/** A server that went away this often during one run is not coming back soon. */
	private static final int MAX_RECONNECTS = 3;

	/** The first pause before a lock retry; each next one doubles, each with jitter. */
	private static final Duration FIRST_LOCK_PAUSE = Duration.ofSeconds(1);

	private final MigrationProgress progress;

	private final MigrationMetrics metrics;

	private final BatchMigration batch;

	private final Policy policy;

	/**
	 * How a run waits and tries again.
	 *
	 * @param lockWait how long to wait for another migrator's lock (MIGRATION_LOCK_WAIT)
	 * @param lockRetries how many times a run rolled back by a lock conflict is tried again
	 * (MIGRATION_LOCK_RETRIES)
	 * @param target where the migrations run, to wait for after a lost connection
	 * @param databaseWait how long to wait for it (DB_WAIT_TIMEOUT)
	 */
	public record Policy(Duration lockWait, int lockRetries, DatabaseTarget target, Duration databaseWait) {

	}

	/**
	 * @param progress the callback that follows each migration
	 * @param metrics where waits are recorded
	 * @param batch the batch that applies each run, or null to leave every run to Flyway
	 * @param policy how a run waits and tries again
	 */
	public Migrator(MigrationProgress progress, MigrationMetrics metrics, BatchMigration batch, Policy policy) {
		this.progress = progress;
		this.metrics = metrics;
		this.batch = batch;
		this.policy = policy;
	}

	/**
	 * Apply every pending migration, each in its own transaction where it can run in one
	 * (with SPRING_FLYWAY_GROUP or MIGRATION_BATCH, all of them in one).
	 * @param flyway the configured Flyway
	 * @return what was applied
	 * @throws MigrationFailedException when a migration fails
	 * @throws MigrationLockTimeoutException when another migrator holds the lock too long,
	 * or a migration could not take its locks after every retry
	 * @throws DatabaseUnreachableException when the database went away and did not come back
	 */
	public MigrationSummary migrate(Flyway flyway) {
		long start = System.nanoTime();
		MigrationPhase.applying();
		Attempts attempts = new Attempts();
		try {
			while (true) {
				try {
					return attempt(flyway, attempts, start);
				}
				catch (FlywayException | SQLException ex) {
					attempts.earlier += flyway.getConfiguration().isGroup() ? 0 : this.progress.appliedInAttempt();
					retryOrThrow(ex, flyway, attempts);
				}
			}
		}
		finally {
			MigrationPhase.idle();
		}
	}

	/** What earlier attempts of one run did. */
	private static final class Attempts {

		private boolean started;

		/** The schema version before the first attempt; null for an empty schema. */
		private String from;

		private int earlier;

		private int reconnects;

		private int lockRetries;

	}

	private MigrationSummary attempt(Flyway flyway, Attempts attempts, long start) throws SQLException {
		this.progress.begin(0);
		try (MigrationLock lock = MigrationLock.acquire(flyway.getConfiguration().getDataSource(),
				MigrationLock.scopeOf(flyway.getConfiguration()), this.policy.lockWait())) {
			this.metrics.lockWaited(lock.waited());
			// Read before Flyway's info, so that the batch notices any row written after it.
			HistoryTable.State history = (this.batch != null)
					? HistoryTable.state(flyway.getConfiguration(), lock.connection()) : null;
			MigrationInfoService before = flyway.info();
			MigrationInfo[] pending = before.pending();
			if (!attempts.started) {
				attempts.from = Versions.of(before.current());
				attempts.started = true;
			}
			this.progress.begin(pending.length);
			InterruptedIndexBuilds.recover(flyway.getConfiguration(), pending, lock.connection());
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
			lock.release();
			MigrationSummary summary = summary(attempts, result, batched, start);
			logger.info("migrate: {}", summary.text());
			return summary;
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

	private static MigrationSummary summary(Attempts attempts, MigrateResult result, List<MigrationInfo> batched,
			long start) {
		// What Flyway found when it began: another migrator may have applied some since this run read the schema.
		String from = (batched.isEmpty() && attempts.earlier == 0 && result.initialSchemaVersion != null)
				? result.initialSchemaVersion : attempts.from;
		String to;
		if (!batched.isEmpty()) {
			to = batched.stream().map(Versions::of).filter((version) -> version != null).reduce((a, b) -> b).orElse(from);
		}
		else {
			// Flyway leaves the version null when it applied nothing.
			to = (result.targetSchemaVersion != null) ? result.targetSchemaVersion : from;
		}
		return new MigrationSummary(attempts.earlier + batched.size() + result.migrationsExecuted, from, to,
				Duration.ofNanos(System.nanoTime() - start).toMillis(), !batched.isEmpty());
	}

	/** Return to try again when the server rolled the failure back and it may pass; throw otherwise. */
	private void retryOrThrow(Exception ex, Flyway flyway, Attempts attempts) {
		SQLException sql = SqlErrors.find(ex);
		MigrationInfo failed = this.progress.current();
		boolean rolledBack = failed == null || this.progress.currentIsTransactional();
		if (sql != null && SqlErrors.isConnectionLoss(sql)) {
			if (!rolledBack) {
				throw MigrationFailures.lostOutsideTransaction(failed, sql);
			}
			if (attempts.reconnects++ >= MAX_RECONNECTS) {
				throw MigrationFailures.lostTooOften(failed, sql, MAX_RECONNECTS);
			}
			awaitDatabase(failed, sql);
			return;
		}
		if (sql != null && SqlErrors.isLockConflict(sql) && rolledBack) {
			String blockers = MigrationFailures.lockConflictDetail(sql, flyway);
			if (attempts.lockRetries >= this.policy.lockRetries()) {
				throw MigrationFailures.lockRetriesExhausted(failed, sql, blockers, attempts.lockRetries + 1, ex);
			}
			attempts.lockRetries++;
			Duration pause = lockPause(attempts.lockRetries);
			logger.warn("{} was rolled back: {}; {}. Trying again in {} ms (retry {} of {}, MIGRATION_LOCK_RETRIES)",
					(failed != null) ? Versions.name(failed) : "the run", SqlErrors.firstLine(sql.getMessage()), blockers,
					pause.toMillis(), attempts.lockRetries, this.policy.lockRetries());
			sleep(pause);
			return;
		}
		throw MigrationFailures.translate(ex, flyway, failed, this.progress.currentIsTransactional(),
				this.batch != null);
	}

	/** Wait for the database after a lost connection; the server rolled back what was in flight. */
	private void awaitDatabase(MigrationInfo failed, SQLException lost) {
		String what = (failed != null) ? Versions.name(failed) + " (rolled back by the server)" : "the run";
		logger.warn("lost the database connection during {}: {}; waiting for the database (DB_WAIT_TIMEOUT) to apply"
				+ " it again", what, SqlErrors.firstLine(lost.getMessage()));
		MigrationPhase.Phase phase = MigrationPhase.waiting("the database to come back");
		try {
			new DatabaseWaiter(this.policy.databaseWait()).waitFor(this.policy.target());
		}
		catch (DatabaseUnreachableException ex) {
			throw MigrationFailures.lostAndGone(failed, lost, ex);
		}
		finally {
			MigrationPhase.waited(phase);
		}
	}

	/** 1 s, 2 s, 4 s, ... each cut by up to half at random, so that retrying migrators do not meet again. */
	static Duration lockPause(int retry) {
		long full = FIRST_LOCK_PAUSE.toMillis() << Math.min(retry - 1, 10);
		return Duration.ofMillis(full / 2 + ThreadLocalRandom.current().nextLong(full / 2 + 1));
	}

	private static void sleep(Duration pause) {
		MigrationPhase.Phase phase = MigrationPhase.waiting("the next try of a migration rolled back for a lock");
		try {
			Thread.sleep(pause.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MigrationLockTimeoutException("interrupted while waiting to try the migration again", ex);
		}
		finally {
			MigrationPhase.waited(phase);
		}
	}

}
