package io.schemagate.migration.batch;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.schemagate.migration.MigrationProgress;
import io.schemagate.migration.RunningMigrationLock;

/**
 * Applies a run's pending migrations as one batch (MIGRATION_BATCH=true). It is a Flyway
 * callback on beforeMigrate: Flyway calls it once it has validated the history and
 * created the history table, on a connection of its own and inside a transaction that
 * Flyway commits when the callback returns, before its own migrate goes on, and rolls
 * back when it throws. Flyway's own lock is not taken yet then, so the batch takes it,
 * and checks that the history still holds what the run planned from. It sends the
 * migrations' files dozens to a round trip ({@link BatchSender}) and then writes every
 * history row in one more; Flyway's migrate then finds nothing pending and runs its
 * afterMigrate callbacks as usual.
 * <p>
 * Written by hand because Flyway has no such mode: around each migration it sends some
 * ten statements of its own (SET ROLE, the search_path, the database's type, the
 * history's next rank), which on a run of many small migrations takes longer than the
 * migrations themselves.
 */
public class BatchMigration implements Callback {

	private static final Logger logger = LoggerFactory.getLogger(BatchMigration.class);

	private final MigrationProgress progress;

	private final Duration lockWait;

	private volatile Run run;

	private volatile HistoryTable.State expected;

	/**
	 * @param progress where each migration is reported
	 * @param lockWait how long to wait for a Flyway run elsewhere (MIGRATION_LOCK_WAIT)
	 */
	public BatchMigration(MigrationProgress progress, Duration lockWait) {
		this.progress = progress;
		this.lockWait = lockWait;
	}

	/** A plan armed for the next migrate, and what came of it. */
	private static final class Run {

		private final BatchPlan plan;

		private final HistoryTable.State expected;

		private volatile List<MigrationInfo> applied = List.of();

		private Run(BatchPlan plan, HistoryTable.State expected) {
			this.plan = plan;
			this.expected = expected;
		}

	}

	/**
	 * Remember what the history holds now, on {@code connection} (the migration lock's):
	 * before Flyway's info, so that the batch notices any row written after it and leaves
	 * such a run to Flyway.
	 */
	public void readHistory(Configuration configuration, Connection connection) throws SQLException {
		this.expected = HistoryTable.state(configuration, connection);
	}

	/**
	 * Arm the next migrate with {@code info}'s pending migrations where the batch can apply
	 * them; otherwise say so in the log (Flyway's group mode applies the run, or refuses it:
	 * the migrate failure then says why and what to do).
	 * @return how the run will be applied
	 */
	public BatchVerdict arm(Configuration configuration, MigrationInfoService info) {
		BatchPlan plan = BatchPlan.of(configuration, info);
		BatchVerdict verdict = plan.verdict();
		if (verdict.outcome() == BatchVerdict.Outcome.BATCH) {
			this.run = new Run(plan, this.expected);
		}
		else if (verdict.byFlyway() != null) {
			logger.warn("batch: {}; Flyway applies the run instead, {}", verdict.reason(), verdict.byFlyway());
		}
		return verdict;
	}

	/** What the armed batch applied, empty when it left the run to Flyway; disarms it. */
	public List<MigrationInfo> disarm() {
		Run armed = this.run;
		this.run = null;
		return (armed != null) ? armed.applied : List.of();
	}

	@Override
	public boolean supports(Event event, Context context) {
		return event == Event.BEFORE_MIGRATE && this.run != null;
	}

	@Override
	public boolean canHandleInTransaction(Event event, Context context) {
		return true;
	}

	@Override
	public void handle(Event event, Context context) {
		Run armed = this.run;
		try {
			armed.applied = apply(armed, context.getConfiguration(), context.getConnection());
		}
		catch (SQLException ex) {
			throw new FlywayException(ex.getMessage(), ex);
		}
	}

	private List<MigrationInfo> apply(Run armed, Configuration configuration, Connection connection)
			throws SQLException {
		if (!standardConformingStrings(connection)) {
			logger.warn("batch: standard_conforming_strings is off in Flyway's session, and the batch checks the"
					+ " files as read with it on; Flyway applies the run instead, one migration after another in one"
					+ " transaction");
			return List.of();
		}
		HistoryTable history = HistoryTable.of(configuration, connection);
		history.lockAsFlywayDoes(connection, this.lockWait);
		RunningMigrationLock.takeForTransaction(connection, configuration);
		HistoryTable.State state = history.state(connection);
		if (!state.equals(armed.expected)) {
			logger.warn("batch: {} changed since this run read it ({} rows, now {}: Flyway's baseline, or another"
					+ " migrator); Flyway applies the run instead, in one transaction", history, armed.expected.rows(),
					state.rows());
			return List.of();
		}
		String installedBy = (configuration.getInstalledBy() != null) ? configuration.getInstalledBy()
				: HistoryTable.currentUser(connection);
		List<BatchPlan.Step> steps = armed.plan.steps();
		logger.info("batch: applying {} migrations in one transaction", steps.size());
		List<HistoryTable.Row> rows = new ArrayList<>(steps.size());
		try (BatchSender sender = new BatchSender(connection)) {
			sender.send(steps, reporting(rows));
		}
		history.insert(connection, state, rows, installedBy);
		return rows.stream().map(HistoryTable.Row::migration).toList();
	}

	/** What the sender reports goes to the progress log, and each applied step into {@code rows}. */
	private BatchSender.Listener reporting(List<HistoryTable.Row> rows) {
		return new BatchSender.Listener() {

			@Override
			public void sending(List<BatchPlan.Step> trip, int first) {
				BatchMigration.this.progress.sending(trip.stream().map(BatchPlan.Step::migration).toList(), first);
			}

			@Override
			public void applied(BatchPlan.Step step, Duration took) {
				BatchMigration.this.progress.applied(step.migration(), took);
				rows.add(new HistoryTable.Row(step.migration(), took));
			}

			@Override
			public void failed(BatchPlan.Step step) {
				BatchMigration.this.progress.failedInBatch(step.migration());
			}

		};
	}

	/** Whether backslashes in '...' are plain characters, as {@link BatchableSql} reads the files. */
	private static boolean standardConformingStrings(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT current_setting('standard_conforming_strings')")) {
			return result.next() && "on".equalsIgnoreCase(result.getString(1));
		}
	}

	@Override
	public String getCallbackName() {
		return "schemagate-batch";
	}

}
