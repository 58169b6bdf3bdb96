package io.schemagate.undo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;

import io.schemagate.database.DatabaseUnreachableException;
import io.schemagate.database.SqlErrors;
import io.schemagate.migration.HistorySchema;
import io.schemagate.migration.MigrationFailedException;
import io.schemagate.migration.MigrationLock;
import io.schemagate.migration.MigrationPhase;
import io.schemagate.migration.Versions;
import io.schemagate.postdeploy.PostDeployMigrations;
import io.schemagate.settings.Settings;
import io.schemagate.shadow.ScratchDatabase;

/**
 * Undoes applied migrations with their undo scripts, as safely as migrate applies them:
 * the migration lock (MIGRATION_LOCK_WAIT), the owner role, Flyway's session settings
 * (lock_timeout, statement_timeout), one transaction for the whole run (all or nothing:
 * a failure or SIGTERM leaves schema and history as they were), and never a silent loss
 * of data: what the undos would drop that holds data in the target refuses the run
 * unless {@code --allow-data-loss} is given. The history rows of the undone versions are
 * removed in the same transaction, so Flyway sees them pending again, and each undo is
 * recorded in {@code schemagate_undo_history} for {@code history} to show.
 * <p>
 * Over 200 lines: the checks that must run again under the migration lock (the plan,
 * later post-deploy migrations, data loss) and the one transaction they guard belong
 * to one run.
 */
public class Undoer implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(Undoer.class);

	/** Our own record of undos, beside Flyway's history: Flyway's community edition has none. */
	public static final String AUDIT_TABLE = "schemagate_undo_history";

	/** The role of deploy/sql/roles.sql that the application runs as: it may read the audit, not write it. */
	private static final String RUNTIME_ROLE = "schemagate_runtime";

	private final Settings settings;

	private final MeterRegistry meters;

	private volatile ScratchDatabase open;

	private final ObjectProvider<PostDeployMigrations> sets;

	public Undoer(Settings settings, MeterRegistry meters, ObjectProvider<PostDeployMigrations> sets) {
		this.settings = settings;
		this.sets = sets;
		this.meters = (meters != null) ? meters : new SimpleMeterRegistry();
	}

	/**
	 * Undo what {@code range} names.
	 * @param allowDataLoss whether dropping data that the target holds is allowed
	 * @return what was undone
	 * @throws MigrationFailedException naming each reason it refuses, or the undo that failed
	 */
	public UndoSummary undo(Flyway flyway, UndoPlan.Range range, boolean allowDataLoss) {
		return undo(flyway, range, allowDataLoss, (plan) -> null);
	}

	/**
	 * As {@link #undo(Flyway, UndoPlan.Range, boolean)}, refusing also when {@code order}
	 * names a reason (a post-deploy migration applied after the oldest one undone); asked
	 * before and again under the migration lock, as the plan is.
	 */
	public UndoSummary undo(Flyway flyway, UndoPlan.Range range, boolean allowDataLoss,
			java.util.function.Function<UndoPlan, String> order) {
		long start = System.nanoTime();
		UndoPlan plan = refuseUnlessRunnable(UndoPlan.of(flyway, range));
		refuseOutOfOrder(order.apply(plan));
		Configuration configuration = flyway.getConfiguration();
		// The lock first: a concurrent undo waits for it (exit 75 at MIGRATION_LOCK_WAIT) rather
		// than sizing tables the other one is dropping; and the data is sized as it is undone.
		try (MigrationLock lock = MigrationLock.acquire(configuration.getDataSource(), MigrationLock.scopeOf(configuration),
				this.settings.migrationLockWait())) {
			UndoPlan locked = refuseUnlessRunnable(UndoPlan.of(flyway, range));
			if (!versions(locked).equals(versions(plan))) {
				throw new MigrationFailedException("the history changed while undo checked the run (another migrator);"
						+ " nothing was undone: run undo again", null);
			}
			refuseOutOfOrder(order.apply(locked));
			refuseDataLoss(losses(flyway, locked), allowDataLoss);
			MigrationPhase.applying();
			try {
				run(configuration, locked);
			}
			finally {
				MigrationPhase.idle();
			}
			lock.release();
			UndoSummary summary = new UndoSummary(locked.set(), locked.items().size(), locked.fromVersion(), locked.toVersion(),
					Duration.ofNanos(System.nanoTime() - start).toMillis());
			logger.info("undo: {}", summary.text());
			return summary;
		}
		catch (SQLException ex) {
			throw failure(ex, null, null);
		}
	}

	private static void refuseDataLoss(List<DataLoss.Loss> losses, boolean allowDataLoss) {
		if (!losses.isEmpty() && !allowDataLoss) {
			throw new MigrationFailedException("undo would drop data the target holds, so nothing was undone: "
					+ String.join("; ", losses.stream().map(DataLoss.Loss::describe).toList())
					+ ". Keep a copy, then run undo with --allow-data-loss", null);
		}
		losses.forEach((loss) -> logger.warn("undo: {} (--allow-data-loss)", loss.describe()));
	}

	private static void refuseOutOfOrder(String refusal) {
		if (refusal != null) {
			throw new MigrationFailedException("undo refuses, and nothing was undone: " + refusal, null);
		}
	}

	/** The plan, or the refusal that names each of its reasons. */
	static UndoPlan refuseUnlessRunnable(UndoPlan plan) {
		if (!plan.refusals().isEmpty()) {
			throw new MigrationFailedException("undo refuses, and nothing was undone: " + String.join("; ", plan.refusals()),
					null);
		}
		if (plan.items().isEmpty()) {
			throw new MigrationFailedException("undo: nothing is applied, so there is nothing to undo", null);
		}
		return plan;
	}

	private static List<String> versions(UndoPlan plan) {
		return plan.items().stream().map((item) -> item.undo().version()).toList();
	}

	/** What the undos would drop that holds data, traced on a scratch database, one line each. */
	public List<String> lossLines(Flyway flyway, UndoPlan plan) {
		return losses(flyway, plan).stream().map(DataLoss.Loss::describe).toList();
	}

	private List<DataLoss.Loss> losses(Flyway flyway, UndoPlan plan) {
		try {
			PostDeployMigrations sets = this.sets.getIfAvailable(() -> new PostDeployMigrations(flyway, List.of()));
			return DataLoss.of(flyway, sets, plan, this.settings, (shadow) -> this.open = shadow);
		}
		catch (SQLException ex) {
			throw failure(ex, null, null);
		}
		finally {
			this.open = null;
		}
	}

	private void run(Configuration configuration, UndoPlan plan) throws SQLException {
		try (Connection connection = configuration.getDataSource().getConnection();
				Statement statement = connection.createStatement()) {
			if (configuration.getInitSql() != null && !configuration.getInitSql().isBlank()) {
				statement.execute(configuration.getInitSql());
			}
			boolean transaction = plan.inTransaction();
			if (!transaction) {
				// As migrate's NonTransactionalLockTimeout: DROP INDEX CONCURRENTLY waits for every older
				// transaction, a lock wait that lock_timeout would fail, leaving the index INVALID.
				statement.execute("SET lock_timeout = 0");
			}
			String schema = HistorySchema.of(configuration, connection);
			statement.execute("SET search_path TO " + HistorySchema.quoted(schema));
			History history = new History(HistorySchema.qualified(configuration, connection, configuration.getTable()),
					HistorySchema.qualified(configuration, connection, AUDIT_TABLE), plan.set());
			connection.setAutoCommit(!transaction);
			history.ensureAudit(connection);
			int index = 0;
			for (UndoPlan.Item item : plan.items()) {
				index++;
				undoOne(connection, statement, history, item, index, plan.items().size(), transaction);
			}
			if (transaction) {
				connection.commit();
			}
		}
	}

	private void undoOne(Connection connection, Statement statement, History history, UndoPlan.Item item, int index,
			int total, boolean transaction) throws SQLException {
		String name = item.undo().name();
		logger.info("undoing {} with {} ({}/{}){}", Versions.name(item.migration()), item.undo().script(), index, total,
				transaction ? "" : " outside a transaction");
		long start = System.nanoTime();
		try {
			statement.execute(item.undo().sql());
		}
		catch (SQLException ex) {
			if (transaction) {
				connection.rollback();
			}
			throw failure(ex, name, transaction ? "the run's transaction was rolled back: schema and history are as they"
					+ " were" : "it ran outside a transaction and may be partly done");
		}
		int took = (int) ((System.nanoTime() - start) / 1_000_000);
		if (!transaction) {
			connection.setAutoCommit(false);
		}
		history.undone(connection, item, took);
		if (!transaction) {
			connection.commit();
			connection.setAutoCommit(true);
		}
		this.meters.counter("schemagate.migrations.undone").increment();
		logger.info("undone {} in {} ms", Versions.name(item.migration()), took);
	}

	private static RuntimeException failure(SQLException ex, String undo, String outcome) {
		if (SqlErrors.isConnectionLoss(ex)) {
			return new DatabaseUnreachableException("lost the database connection during undo ("
					+ SqlErrors.firstLine(ex.getMessage()) + "); in a transaction nothing was undone: run undo again once"
					+ " the database is up");
		}
		String what = (undo != null) ? "undo " + undo + " failed: " : "undo failed: ";
		return new MigrationFailedException(what + SqlErrors.firstLine(ex.getMessage())
				+ ((outcome != null) ? "; " + outcome : ""), ex);
	}

	/** Flyway's history, our audit of undos, and the set undone ({@code regular}, {@code post-deploy}). */
	private record History(String flyway, String audit, String set) {

		void ensureAudit(Connection connection) throws SQLException {
			try (Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE IF NOT EXISTS " + this.audit + " (undone_rank bigint GENERATED ALWAYS AS"
						+ " IDENTITY PRIMARY KEY, version text NOT NULL, description text, script text NOT NULL,"
						+ " undone_on timestamptz NOT NULL DEFAULT now(), undone_by text NOT NULL DEFAULT current_user,"
						+ " execution_time integer NOT NULL)");
				// Added with post-deploy migrations: an audit made before holds regular undos only.
				statement.execute("ALTER TABLE " + this.audit + " ADD COLUMN IF NOT EXISTS migration_set text NOT NULL"
						+ " DEFAULT '" + UndoHistory.REGULAR + "'");
				// deploy/sql/roles.sql's default privileges would let the runtime role rewrite the record
				// of undos: revoked, as the afterMigrate callback does for the history.
				statement.execute("DO $$ BEGIN IF EXISTS (SELECT FROM pg_roles WHERE rolname = '" + RUNTIME_ROLE
						+ "') THEN EXECUTE 'REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON " + this.audit.replace("'", "''")
						+ " FROM " + RUNTIME_ROLE + "'; END IF; END $$");
			}
		}

		/** The version's rows out of Flyway's history, and a row into ours. */
		void undone(Connection connection, UndoPlan.Item item, int took) throws SQLException {
			try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + this.flyway + " WHERE version = ?");
					PreparedStatement insert = connection.prepareStatement("INSERT INTO " + this.audit
							+ " (version, description, script, execution_time, migration_set) VALUES (?, ?, ?, ?, ?)")) {
				delete.setString(1, item.undo().version());
				delete.executeUpdate();
				insert.setString(1, item.undo().version());
				insert.setString(2, item.migration().getDescription());
				insert.setString(3, item.undo().script());
				insert.setInt(4, took);
				insert.setString(5, this.set);
				insert.executeUpdate();
			}
		}

	}

	/** Drop the scratch database of an undo's check still running when the context closes (SIGTERM). */
	@Override
	public void destroy() {
		ScratchDatabase shadow = this.open;
		if (shadow != null) {
			shadow.close();
		}
	}

}
