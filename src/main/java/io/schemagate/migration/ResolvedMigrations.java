package io.schemagate.migration;

import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.executor.MigrationExecutor;
import org.flywaydb.core.internal.info.MigrationInfoImpl;

/**
 * What Flyway decided about a migration's file while it parsed it: whether it runs in a
 * transaction (a CREATE INDEX CONCURRENTLY cannot), whether it runs at all (its .conf).
 * Only Flyway's internal MigrationInfoImpl exposes that decision, so this is the one
 * place that reaches for it.
 */
final class ResolvedMigrations {

	private ResolvedMigrations() {
	}

	/** Flyway's executor of {@code migration}, or null should Flyway not expose it. */
	static MigrationExecutor executorOf(MigrationInfo migration) {
		if (migration instanceof MigrationInfoImpl impl && impl.getResolvedMigration() != null) {
			return impl.getResolvedMigration().getExecutor();
		}
		return null;
	}

	/** Whether Flyway runs {@code migration} in a transaction: its decision, else its default, yes. */
	static boolean inTransaction(MigrationInfo migration) {
		MigrationExecutor executor = executorOf(migration);
		return executor == null || executor.canExecuteInTransaction();
	}

}
