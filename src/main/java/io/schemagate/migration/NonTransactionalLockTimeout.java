package io.schemagate.migration;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Lifts lock_timeout (MIGRATION_LOCK_TIMEOUT) while a migration runs outside a
 * transaction, and puts it back after. Such a migration is {@code CREATE INDEX
 * CONCURRENTLY} or one of its kin: its lock blocks no query, but it must wait for every
 * older transaction to end, and that wait is a lock wait too. With lock_timeout it would
 * fail on any busy database and leave an INVALID index behind; without, it waits as long
 * as the longest transaction, bounded by MIGRATION_STATEMENT_TIMEOUT when set. Flyway
 * has no per-migration session setting, so this is a callback.
 */
public class NonTransactionalLockTimeout implements Callback {

	private final Duration lockTimeout;

	public NonTransactionalLockTimeout(Duration lockTimeout) {
		this.lockTimeout = lockTimeout;
	}

	@Override
	public boolean supports(Event event, Context context) {
		return !this.lockTimeout.isZero() && (event == Event.BEFORE_EACH_MIGRATE
				|| event == Event.AFTER_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE_ERROR);
	}

	@Override
	public boolean canHandleInTransaction(Event event, Context context) {
		return true;
	}

	@Override
	public void handle(Event event, Context context) {
		if (MigrationProgress.isTransactional(context)) {
			return;
		}
		long millis = (event == Event.BEFORE_EACH_MIGRATE) ? 0 : this.lockTimeout.toMillis();
		try (Statement statement = context.getConnection().createStatement()) {
			statement.execute("SET lock_timeout = " + millis);
		}
		catch (SQLException ex) {
			if (event != Event.AFTER_EACH_MIGRATE_ERROR) {
				throw new IllegalStateException("could not set lock_timeout for migration "
						+ Versions.name(context.getMigrationInfo()) + ": " + ex.getMessage(), ex);
			}
			// After a failure the migration's own error is the one to report.
		}
	}

	@Override
	public String getCallbackName() {
		return "nonTransactionalLockTimeout";
	}

}
