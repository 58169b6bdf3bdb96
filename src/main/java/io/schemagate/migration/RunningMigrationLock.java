package io.schemagate.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.schemagate.database.SqlErrors;

/**
 * An advisory lock held by the very session that runs a migration, for as long as the
 * migration runs: a transaction-level lock where the migration runs in a transaction
 * (the batch's included), a session-level one taken and released around a migration that
 * runs outside one. The migration lock and Flyway's own lock live on other sessions of
 * the process, which end with it; after a kill -9 during a long statement ({@code CREATE
 * INDEX CONCURRENTLY}) the server may run that statement on for a while. A new migrator
 * waits for this lock too ({@link MigrationLock#acquire}), so it never runs a migration
 * beside the statement of one that is gone.
 */
public final class RunningMigrationLock implements Callback {

	private static final Logger logger = LoggerFactory.getLogger(RunningMigrationLock.class);

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
		long key = MigrationLock.runningKey(MigrationLock.scopeOf(context.getConfiguration()));
		Connection connection = context.getConnection();
		try {
			boolean transaction = !connection.getAutoCommit();
			if (event == Event.BEFORE_EACH_MIGRATE) {
				take(connection, key, transaction ? "pg_try_advisory_xact_lock" : "pg_try_advisory_lock");
			}
			else if (!transaction) {
				AdvisoryLocks.unlock(connection, key);
			}
		}
		catch (SQLException ex) {
			if (event != Event.BEFORE_EACH_MIGRATE) {
				// The migration failed or the session is gone: a session that is gone holds no lock.
				logger.debug("releasing the running migration's lock", ex);
				return;
			}
			throw new FlywayException("could not take the lock of the session that runs migrations: "
					+ SqlErrors.firstLine(ex.getMessage()), ex);
		}
	}

	/** Take the lock in the transaction of the batch, which runs the migrations itself. */
	public static void takeForTransaction(Connection connection, Configuration configuration) throws SQLException {
		take(connection, MigrationLock.runningKey(MigrationLock.scopeOf(configuration)), "pg_try_advisory_xact_lock");
	}

	private static void take(Connection connection, long key, String function) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(?)")) {
			statement.setLong(1, key);
			try (ResultSet result = statement.executeQuery()) {
				if (result.next() && !result.getBoolean(1)) {
					// Only the holder of the migration lock takes it, and it waited for it to be free.
					throw new FlywayException("the lock of the session that runs migrations is held by another"
							+ " session; run migrate again");
				}
			}
		}
	}

	@Override
	public String getCallbackName() {
		return "schemagate-running-migration-lock";
	}

}
