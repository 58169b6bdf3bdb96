package io.schemagate.migration.batch;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.schemagate.migration.Versions;

/**
 * Sends a batch's migrations to PostgreSQL many files at a time, each file followed by a
 * mark: a notice that carries the server's clock and the session's state. The marks that
 * come back say how long each migration took, as the server measured it, when one fails,
 * which one it was, and whether one changed what Flyway would have reset after it.
 * One round trip then carries dozens of migrations instead of one, which is what a run
 * of many small migrations waits on, and more so with the database across a network.
 * <p>
 * Written by hand because the driver's own batches take a single statement per entry,
 * and a migration file holds many. A little over 200 lines: sending, reading the marks
 * back and naming the failed file share the round trip's state.
 */
final class BatchSender implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(BatchSender.class);

	/** What the sender reports as it goes. */
	interface Listener {

		/** {@code trip} goes to the server now; its first step is the {@code first}-th of the run. */
		void sending(List<BatchPlan.Step> trip, int first);

		/** {@code step} ran in {@code took}, by the server's clock. */
		void applied(BatchPlan.Step step, Duration took);

		/** {@code step} failed; its error follows. */
		void failed(BatchPlan.Step step);

	}

	/** At most this many files, and about this much SQL, in one round trip. */
	private static final int FILES_PER_TRIP = 50;

	private static final int CHARS_PER_TRIP = 256 * 1024;

	private static final String MARK = "schemagate-batch-mark";

	/** SQLSTATE of a notice (successful completion); a server WARNING has its own. */
	private static final String NOTICE = "00000";

	private final Statement statement;

	/** Tells this batch's marks from any notice a migration raises itself. */
	private final String token = Long.toHexString(ThreadLocalRandom.current().nextLong());

	/**
	 * What Flyway resets after each migration, and how the server reads the next file:
	 * should a file change it in a way {@link BatchableSql} did not see coming, the mark
	 * after it tells, and the run fails with nothing applied.
	 */
	private static final String SESSION = "md5(concat_ws(' ', current_user, session_user,"
			+ " current_setting('search_path'), current_setting('standard_conforming_strings')))";

	/** The statement after each file: a notice with the server's clock and the session's state. */
	private final String mark = "DO $schemagate$BEGIN RAISE NOTICE '" + MARK + " " + this.token
			+ " % %', extract(epoch FROM clock_timestamp()), " + SESSION + "; END $schemagate$;";

	/** A mark that came back: when the file before it ended, and the session's state then. */
	private record Mark(double at, String session) {

	}

	BatchSender(Connection connection) throws SQLException {
		this.statement = connection.createStatement();
		// The files are PostgreSQL's SQL as they are, not JDBC's escape syntax.
		this.statement.setEscapeProcessing(false);
	}

	/**
	 * Send every step, in order, in the transaction under way.
	 * @throws SQLException the first failure, after {@link Listener#failed} named its step
	 */
	void send(List<BatchPlan.Step> steps, Listener listener) throws SQLException {
		// The marks are notices: let them through, until the transaction ends.
		this.statement.execute("SET LOCAL client_min_messages = notice");
		Mark start = now();
		double previous = start.at();
		for (int from = 0; from < steps.size();) {
			List<BatchPlan.Step> trip = steps.subList(from, tripEnd(steps, from));
			listener.sending(trip, from + 1);
			SQLException failure = execute(trip);
			List<Mark> marks = marks(trip);
			for (int index = 0; index < marks.size(); index++) {
				Mark mark = marks.get(index);
				if (!mark.session().equals(start.session())) {
					listener.failed(trip.get(index));
					throw new SQLException("it changed the session's role, search_path or standard_conforming_strings,"
							+ " which Flyway resets after each migration and the batch cannot (apply this release"
							+ " without MIGRATION_BATCH=true)");
				}
				listener.applied(trip.get(index),
						Duration.ofNanos(Math.max(0, Math.round((mark.at() - previous) * 1e9))));
				previous = mark.at();
			}
			if (marks.size() < trip.size()) {
				listener.failed(trip.get(marks.size()));
				throw (failure != null) ? failure : new SQLException("the file sent no mark back: it silenced the"
						+ " server's notices, or it ends inside a comment or a quoted string; fix it, or apply it"
						+ " without MIGRATION_BATCH=true");
			}
			if (failure != null) {
				throw failure;
			}
			from += trip.size();
		}
	}

	private static int tripEnd(List<BatchPlan.Step> steps, int from) {
		int to = from;
		long chars = 0;
		while (to < steps.size() && to - from < FILES_PER_TRIP && (to == from || chars < CHARS_PER_TRIP)) {
			chars += steps.get(to).sql().length();
			to++;
		}
		return to;
	}

	/** Send {@code trip} in one round trip; its failure, or null. */
	private SQLException execute(List<BatchPlan.Step> trip) {
		StringBuilder sql = new StringBuilder();
		for (int index = 0; index < trip.size(); index++) {
			// A file may end without a semicolon, or in a line comment.
			sql.append(trip.get(index).sql()).append("\n;\n").append(this.mark).append('\n');
		}
		try {
			this.statement.clearWarnings();
			this.statement.execute(sql.toString());
			return null;
		}
		catch (SQLException ex) {
			return ex;
		}
	}

	/**
	 * The server's clock at the end of each step of {@code trip} that completed, in order,
	 * up to the first mark missing. The files' own notices and warnings are logged as
	 * Flyway logs them, with the file they came from.
	 */
	private List<Mark> marks(List<BatchPlan.Step> trip) throws SQLException {
		String prefix = MARK + " " + this.token + " ";
		List<Mark> marks = new ArrayList<>();
		List<SQLWarning> notices = new ArrayList<>();
		for (SQLWarning warning = this.statement.getWarnings(); warning != null; warning = warning.getNextWarning()) {
			String message = (warning.getMessage() != null) ? warning.getMessage() : "";
			if (!message.startsWith(prefix)) {
				notices.add(warning);
				continue;
			}
			if (marks.size() < trip.size()) {
				log(notices, trip.get(marks.size()));
			}
			notices.clear();
			String[] fields = message.substring(prefix.length()).split(" ", 2);
			marks.add(new Mark(Double.parseDouble(fields[0]), (fields.length > 1) ? fields[1] : ""));
		}
		if (marks.size() < trip.size()) {
			log(notices, trip.get(marks.size()));
		}
		return marks;
	}

	private static void log(List<SQLWarning> notices, BatchPlan.Step step) {
		for (SQLWarning notice : notices) {
			if (NOTICE.equals(notice.getSQLState())) {
				logger.debug("DB ({}): {}", Versions.name(step.migration()), notice.getMessage());
			}
			else {
				logger.warn("DB ({}): {} (SQL State: {})", Versions.name(step.migration()), notice.getMessage(),
						notice.getSQLState());
			}
		}
	}

	/** The server's clock and the session's state, before the first file. */
	private Mark now() throws SQLException {
		try (ResultSet result = this.statement
			.executeQuery("SELECT extract(epoch FROM clock_timestamp()), " + SESSION)) {
			result.next();
			return new Mark(result.getDouble(1), result.getString(2));
		}
	}

	@Override
	public void close() throws SQLException {
		this.statement.close();
	}

}
