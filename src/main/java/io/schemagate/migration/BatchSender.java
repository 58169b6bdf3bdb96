package io.schemagate.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends a batch's migrations to PostgreSQL many files at a time, each file followed by a
 * mark: a notice that carries the server's clock. The marks that come back say how long
 * each migration took, as the server measured it, and, when one fails, which one it was.
 * One round trip then carries dozens of migrations instead of one, which is what a run
 * of many small migrations waits on, and more so with the database across a network.
 * <p>
 * Written by hand because the driver's own batches take a single statement per entry,
 * and a migration file holds many.
 */
final class BatchSender implements AutoCloseable {

	/** What the sender reports as it goes. */
	interface Listener {

		/** {@code step} goes to the server now. */
		void sending(BatchPlan.Step step);

		/** {@code step} ran in {@code took}, by the server's clock. */
		void applied(BatchPlan.Step step, Duration took);

		/** {@code step} failed; its error follows. */
		void failed(BatchPlan.Step step);

	}

	/** At most this many files, and about this much SQL, in one round trip. */
	private static final int FILES_PER_TRIP = 50;

	private static final int CHARS_PER_TRIP = 256 * 1024;

	private static final String MARK = "schemagate-batch-mark";

	private final Statement statement;

	/** Tells this batch's marks from any notice a migration raises itself. */
	private final String token = Long.toHexString(ThreadLocalRandom.current().nextLong());

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
		double previous = serverClock();
		for (int from = 0; from < steps.size();) {
			int to = tripEnd(steps, from);
			StringBuilder sql = new StringBuilder();
			for (int index = from; index < to; index++) {
				listener.sending(steps.get(index));
				// A file may end without a semicolon, or in a line comment.
				sql.append(steps.get(index).sql()).append("\n;\n").append(mark(index)).append('\n');
			}
			this.statement.clearWarnings();
			SQLException failure = null;
			try {
				this.statement.execute(sql.toString());
			}
			catch (SQLException ex) {
				failure = ex;
			}
			List<Double> marks = marks(from);
			for (int index = from; index < from + marks.size(); index++) {
				double at = marks.get(index - from);
				listener.applied(steps.get(index), Duration.ofNanos(Math.max(0, Math.round((at - previous) * 1e9))));
				previous = at;
			}
			int done = from + marks.size();
			if (done < to) {
				listener.failed(steps.get(done));
				throw (failure != null) ? failure : new SQLException("the file sent no mark back: it ends inside a"
						+ " comment or a quoted string, or changes client_min_messages; apply it without MIGRATION_BATCH");
			}
			if (failure != null) {
				throw failure;
			}
			from = to;
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

	private String mark(int index) {
		return "DO $schemagate$BEGIN RAISE NOTICE '" + MARK + " " + this.token + " " + index
				+ " %', extract(epoch FROM clock_timestamp()); END $schemagate$;";
	}

	/** The server's clock of each mark of this trip, in order, from step {@code from} on. */
	private List<Double> marks(int from) throws SQLException {
		String prefix = MARK + " " + this.token + " ";
		List<Double> marks = new ArrayList<>();
		for (SQLWarning warning = this.statement.getWarnings(); warning != null; warning = warning.getNextWarning()) {
			String message = warning.getMessage();
			if (message != null && message.startsWith(prefix)) {
				String[] fields = message.substring(prefix.length()).split(" ");
				if (fields.length != 2 || Integer.parseInt(fields[0]) != from + marks.size()) {
					throw new SQLException("the batch's marks came back out of order: " + message);
				}
				marks.add(Double.parseDouble(fields[1]));
			}
		}
		return marks;
	}

	private double serverClock() throws SQLException {
		try (ResultSet result = this.statement.executeQuery("SELECT extract(epoch FROM clock_timestamp())")) {
			result.next();
			return result.getDouble(1);
		}
	}

	@Override
	public void close() throws SQLException {
		this.statement.close();
	}

}
