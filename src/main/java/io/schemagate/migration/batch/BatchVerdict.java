package io.schemagate.migration.batch;

import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * How a run's pending migrations are applied with MIGRATION_BATCH=true: by the batch, by
 * Flyway in one of two ways, or not at all; with the reason where the batch cannot.
 *
 * @param outcome how the run is applied
 * @param reason why the batch cannot apply it; null for {@link Outcome#BATCH}
 * @param outside for {@link Outcome#REFUSED}, the first pending migration that must run
 * outside a transaction; otherwise null
 */
public record BatchVerdict(Outcome outcome, String reason, MigrationInfo outside) {

	/** The ways a run can go. */
	public enum Outcome {

		/** The batch applies it: every migration in one transaction, files sent dozens to a round trip. */
		BATCH,

		/** Flyway applies it, one migration after another in one transaction (its group mode). */
		FLYWAY_IN_ONE_TRANSACTION,

		/** Flyway applies it, each migration outside a transaction: every one of them must run outside one. */
		FLYWAY_EACH_OUTSIDE_A_TRANSACTION,

		/** Neither: some must run outside the transaction the others need; migrate applies nothing (exit 65). */
		REFUSED

	}

	/** The verdict for {@code info}'s pending migrations; reads the files, changes nothing. */
	public static BatchVerdict of(Configuration configuration, MigrationInfoService info) {
		return BatchPlan.of(configuration, info).verdict();
	}

	/** How Flyway applies the run, for people; null when Flyway does not. */
	public String byFlyway() {
		return switch (this.outcome) {
			case FLYWAY_IN_ONE_TRANSACTION -> "one migration after another in one transaction";
			case FLYWAY_EACH_OUTSIDE_A_TRANSACTION -> "each migration outside a transaction";
			case BATCH, REFUSED -> null;
		};
	}

}
