package io.schemagate.migration;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.schemagate.database.DatabaseTarget;
import io.schemagate.migration.batch.BatchMigration;

/**
 * Applies pending migrations, and tries a run again where its failure was no migration's
 * fault and the server rolled it back: a lost connection (once the database is back) and
 * a lock timeout or deadlock (after a growing, jittered pause, as GitLab's
 * {@code with_lock_retries} does). Every other failure becomes one of the kinds the
 * launcher maps to exit codes ({@link MigrationFailures}).
 */
public class Migrator {

	private static final Logger logger = LoggerFactory.getLogger(Migrator.class);

	private final MigrationProgress progress;

	private final MigrationMetrics metrics;

	private final BatchMigration batch;

	private final Policy policy;

	private final RunRetries retries;

	private final MigrationGate gate;

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
	 * @param gate what checks the pending migrations first (lint, with MIGRATION_LINT)
	 */
	public Migrator(MigrationProgress progress, MigrationMetrics metrics, BatchMigration batch, Policy policy,
			MigrationGate gate) {
		this.gate = gate;
		this.progress = progress;
		this.metrics = metrics;
		this.batch = batch;
		this.policy = policy;
		this.retries = new RunRetries(progress, policy, batch != null);
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
		// Before the lock: lint may take a while, and other migrators need not wait for it.
		this.gate.check(flyway);
		MigrationPhase.applying();
		RunRetries.Attempts attempts = new RunRetries.Attempts();
		try {
			while (true) {
				try {
					return attempt(flyway, attempts, start);
				}
				catch (FlywayException | SQLException ex) {
					attempts.earlier += flyway.getConfiguration().isGroup() ? 0 : this.progress.appliedInAttempt();
					this.retries.retryOrThrow(ex, flyway, attempts);
				}
			}
		}
		finally {
			MigrationPhase.idle();
		}
	}

	private MigrationSummary attempt(Flyway flyway, RunRetries.Attempts attempts, long start) throws SQLException {
		this.progress.begin(0);
		try (MigrationLock lock = MigrationLock.acquire(flyway.getConfiguration().getDataSource(),
				MigrationLock.scopeOf(flyway.getConfiguration()), this.policy.lockWait())) {
			this.metrics.lockWaited(lock.waited());
			if (this.batch != null) {
				this.batch.readHistory(flyway.getConfiguration(), lock.connection());
			}
			MigrationInfoService before = flyway.info();
			MigrationInfo[] pending = before.pending();
			if (!attempts.started) {
				attempts.from = Versions.of(before.current());
				attempts.started = true;
			}
			this.progress.begin(pending.length);
			InterruptedIndexBuilds.recover(flyway.getConfiguration(), pending, lock.connection());
			if (this.batch != null && pending.length > 0) {
				this.batch.arm(flyway.getConfiguration(), before);
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
			MigrationSummary summary = summary(flyway.getConfiguration(), attempts, result, batched, start);
			boolean postDeploy = HistorySchema.isPostDeploy(flyway.getConfiguration());
			logger.info(postDeploy ? "migrate --post: {}" : "migrate: {}",
					summary.text(HistorySchema.versionsOf(postDeploy)));
			return summary;
		}
	}

	private static MigrationSummary summary(Configuration configuration, RunRetries.Attempts attempts,
			MigrateResult result, List<MigrationInfo> batched, long start) {
		// What Flyway found when it began: another migrator may have applied some since this run read the schema.
		String from = HistorySchema.reported(configuration,
				(batched.isEmpty() && attempts.earlier == 0 && result.initialSchemaVersion != null)
						? result.initialSchemaVersion : attempts.from);
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

}
