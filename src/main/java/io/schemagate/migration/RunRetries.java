package io.schemagate.migration;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.schemagate.database.DatabaseUnreachableException;
import io.schemagate.database.DatabaseWaiter;
import io.schemagate.database.SqlErrors;

/**
 * Whether a failed attempt of a migration run is tried again: only what the server rolled
 * back and may pass another time. A lost connection once the database is back (at most
 * {@value #MAX_RECONNECTS} times); a connection refused for too many connections after a
 * growing pause, until DB_WAIT_TIMEOUT runs out; a lock timeout or deadlock after a growing, jittered
 * pause, MIGRATION_LOCK_RETRIES times. Anything else, or the last of these, is thrown as
 * the launcher reports it.
 */
final class RunRetries {

	private static final Logger logger = LoggerFactory.getLogger(RunRetries.class);

	/** A server that went away this often during one run is not coming back soon. */
	static final int MAX_RECONNECTS = 3;

	/** The first pause before a lock retry; each next one doubles, each with jitter. */
	private static final Duration FIRST_LOCK_PAUSE = Duration.ofSeconds(1);

	private final MigrationProgress progress;

	private final Migrator.Policy policy;

	private final boolean batch;

	RunRetries(MigrationProgress progress, Migrator.Policy policy, boolean batch) {
		this.progress = progress;
		this.policy = policy;
		this.batch = batch;
	}

	/** What the attempts of one run did so far. */
	static final class Attempts {

		boolean started;

		/** The schema version before the first attempt; null for an empty schema. */
		String from;

		/** Migrations applied (and committed) by attempts that then failed. */
		int earlier;

		private int reconnects;

		private int lockRetries;

		/** When refusals for too many connections run out of DB_WAIT_TIMEOUT (System.nanoTime), or 0. */
		private long refusedUntil;

		private int refusals;

	}

	/** Return to try again when the server rolled the failure back and it may pass; throw otherwise. */
	void retryOrThrow(Exception ex, Flyway flyway, Attempts attempts) {
		SQLException sql = SqlErrors.find(ex);
		MigrationInfo failed = this.progress.current();
		boolean rolledBack = failed == null || this.progress.currentIsTransactional();
		if (sql != null && SqlErrors.isTooManyConnections(sql)) {
			awaitConnectionSlot(failed, sql, attempts);
			return;
		}
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
				this.batch);
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

	/**
	 * The server refused a connection for too many connections (53300): nothing ran on it, so
	 * try again after a growing pause until DB_WAIT_TIMEOUT, counted from the first refusal, runs out.
	 */
	private void awaitConnectionSlot(MigrationInfo failed, SQLException refused, Attempts attempts) {
		Duration wait = this.policy.databaseWait();
		long now = System.nanoTime();
		if (attempts.refusedUntil == 0) {
			attempts.refusedUntil = now + wait.toNanos();
		}
		long left = attempts.refusedUntil - now;
		if (left <= 0) {
			throw MigrationFailures.refusedTooLong(failed, refused, wait);
		}
		attempts.refusals++;
		Duration pause = Duration.ofNanos(Math.min(left, refusalPause(attempts.refusals).toNanos()));
		logger.warn("the database refused a connection (too many connections) during {}: {}; waiting {} ms and trying"
				+ " again, for at most DB_WAIT_TIMEOUT ({} s) in all", (failed != null) ? Versions.name(failed) : "the run",
				SqlErrors.firstLine(refused.getMessage()), pause.toMillis(), wait.toSeconds());
		pause(pause, "a free connection slot on the database", (ex) -> MigrationFailures.refusedTooLong(failed, refused,
				wait));
	}

	/** 0.5 s, 1 s, 2 s, 4 s, then 5 s each: short enough to take a slot soon after it frees up. */
	static Duration refusalPause(int refusal) {
		return Duration.ofMillis(Math.min(5_000L, 500L << Math.min(refusal - 1, 10)));
	}

	/** 1 s, 2 s, 4 s, ... each cut by up to half at random, so that retrying migrators do not meet again. */
	static Duration lockPause(int retry) {
		long full = FIRST_LOCK_PAUSE.toMillis() << Math.min(retry - 1, 10);
		return Duration.ofMillis(full / 2 + ThreadLocalRandom.current().nextLong(full / 2 + 1));
	}

	private static void sleep(Duration pause) {
		pause(pause, "the next try of a migration rolled back for a lock",
				(ex) -> new MigrationLockTimeoutException("interrupted while waiting to try the migration again", ex));
	}

	private static void pause(Duration pause, String what, Function<InterruptedException, RuntimeException> interrupted) {
		MigrationPhase.Phase phase = MigrationPhase.waiting(what);
		try {
			Thread.sleep(pause.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw interrupted.apply(ex);
		}
		finally {
			MigrationPhase.waited(phase);
		}
	}

}
