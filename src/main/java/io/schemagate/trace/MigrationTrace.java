package io.schemagate.trace;

import java.util.List;

import org.flywaydb.core.api.MigrationInfo;

/**
 * What one pending migration did on the scratch database, statement by statement.
 *
 * @param migration the migration
 * @param steps its statements in order (one step for the whole migration where it could
 * not be split); the last failed when {@code failed()}
 * @param inTransaction whether Flyway runs it in a transaction
 */
public record MigrationTrace(MigrationInfo migration, List<Step> steps, boolean inTransaction) {

	/** Whether a statement of it failed on the scratch database. */
	public boolean failed() {
		return !this.steps.isEmpty() && this.steps.get(this.steps.size() - 1).error() != null;
	}

}
