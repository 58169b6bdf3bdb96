package io.schemagate.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.postgresql.util.PSQLException;

import io.schemagate.database.DatabaseUnreachableException;
import io.schemagate.database.LockBlockers;
import io.schemagate.database.SqlErrors;

/**
 * A failed migration run as the launcher reports it: one of its kinds (and so its exit
 * code), with a line that says what happened and what to do. One method per kind.
 */
final class MigrationFailures {

	/** Flyway's own wording when its advisory-lock retries run out. */
	private static final String LOCK_RETRIES_EXCEEDED = "Number of retries exceeded while attempting to acquire";

	/** Flyway's own wording when one transaction for the run cannot hold one of its migrations. */
	private static final String MIXED_GROUP = "Detected both transactional and non-transactional migrations"
			+ " within the same migration group";

	/** Where Flyway's message above names the migration. */
	private static final String FIRST_OFFENDING = "First offending migration: ";

	/** SQLSTATE 55P03: lock_timeout expired. */
	private static final String LOCK_NOT_AVAILABLE = "55P03";

	/** How PostgreSQL's deadlock detail names the sessions: "Process 123 waits for ...". */
	private static final Pattern PROCESS = Pattern.compile("[Pp]rocess ([0-9]+)");

	private MigrationFailures() {
	}

	/** Any other failure of a run, by what Flyway or the server said. */
	static RuntimeException translate(Exception failure, Flyway flyway, MigrationInfo failed, boolean transactional,
			boolean batch) {
		FlywayException ex = (failure instanceof FlywayException flywayException) ? flywayException
				: new FlywayException(failure.getMessage(), failure);
		RuntimeException known = FlywayFailures.translate(ex);
		if (known != ex) {
			return known;
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof MigrationLockTimeoutException lockTimeout) {
				// The batch waits for Flyway's lock inside a callback, which Flyway wraps.
				return lockTimeout;
			}
		}
		String message = (ex.getMessage() != null) ? ex.getMessage() : "";
		if (message.contains(LOCK_RETRIES_EXCEEDED)) {
			return new MigrationLockTimeoutException("another migrator held the migration lock longer than"
					+ " MIGRATION_LOCK_WAIT allows; wait for it to finish, then run migrate again", ex);
		}
		if (message.contains(MIXED_GROUP)) {
			return mixedGroup(message, batch, ex);
		}
		if (ex instanceof FlywayValidateException) {
			return new MigrationFailedException("the database's history disagrees with this build ("
					+ validationDetail(message) + "); nothing was applied. Run 'validate' to see each mismatch and its fix",
					ex);
		}
		SQLException sql = SqlErrors.find(ex);
		String cause = SqlErrors.firstLine((sql != null) ? sql.getMessage() : message);
		if (sql != null && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
			cause += " (MIGRATION_LOCK_TIMEOUT); " + LockBlockers.describe(flyway.getConfiguration().getDataSource());
		}
		if (failed == null) {
			return new MigrationFailedException("migration failed: " + cause, ex);
		}
		return new MigrationFailedException("migration " + Versions.name(failed) + " failed: " + cause + "; "
				+ outcome(transactional, flyway.getConfiguration().isGroup()), ex);
	}

	private static String outcome(boolean transactional, boolean group) {
		if (!transactional) {
			return "it ran outside a transaction and may be partly applied; run 'repair', fix the cause, then migrate again";
		}
		if (group) {
			return "the one transaction of this run was rolled back, so none of its migrations was applied";
		}
		return "it was rolled back, and the schema stays at the last version applied in full";
	}

	private static RuntimeException mixedGroup(String message, boolean batch, FlywayException ex) {
		int named = message.indexOf(FIRST_OFFENDING);
		String which = (named < 0) ? ""
				: " (" + SqlErrors.firstLine(message.substring(named + FIRST_OFFENDING.length())) + ")";
		String setting = batch ? "MIGRATION_BATCH=true" : "SPRING_FLYWAY_GROUP=true";
		return new MigrationFailedException("a migration of this run must run outside a transaction" + which + ", and "
				+ setting + " puts the whole run in one; nothing was applied. Apply this release without " + setting, ex);
	}

	/** Flyway's validation message is a paragraph; its "Detected ..." line says what. */
	private static String validationDetail(String message) {
		return message.lines()
			.map(String::strip)
			.filter((line) -> line.startsWith("Detected"))
			.findFirst()
			.orElse(SqlErrors.firstLine(message));
	}

	/** The connection went while a migration ran outside a transaction: nothing rolled it back. */
	static DatabaseUnreachableException lostOutsideTransaction(MigrationInfo failed, SQLException lost) {
		return new DatabaseUnreachableException("lost the database connection while " + Versions.name(failed)
				+ " ran outside a transaction (" + SqlErrors.firstLine(lost.getMessage()) + "); it may be partly applied,"
				+ " e.g. an INVALID index. Once the database is back, run 'status' (it lists invalid indexes), then"
				+ " migrate again: it rebuilds an interrupted CREATE INDEX CONCURRENTLY");
	}

	/** The connection went, came back and went again, too often. */
	static DatabaseUnreachableException lostTooOften(MigrationInfo failed, SQLException lost, int times) {
		return new DatabaseUnreachableException("the database connection failed " + (times + 1) + " times during one"
				+ " run, last during " + ((failed != null) ? Versions.name(failed) : "the run") + " ("
				+ SqlErrors.firstLine(lost.getMessage()) + "); what was in flight was rolled back. Find out why the"
				+ " server goes away or refuses connections (a restart, max_connections, a role's CONNECTION LIMIT),"
				+ " then run migrate again");
	}

	/** The server kept refusing connections for too many connections until DB_WAIT_TIMEOUT ran out. */
	static DatabaseUnreachableException refusedTooLong(MigrationInfo failed, SQLException refused, Duration wait) {
		return new DatabaseUnreachableException("the database refused a connection (too many connections) during "
				+ ((failed != null) ? Versions.name(failed) : "the run") + " for all of DB_WAIT_TIMEOUT (" + wait.toSeconds()
				+ " s): " + SqlErrors.firstLine(refused.getMessage()) + "; nothing was applied on it. Free connection"
				+ " slots (max_connections, the role's CONNECTION LIMIT, other clients), then run migrate again");
	}

	/** The connection went and the database did not come back within DB_WAIT_TIMEOUT. */
	static DatabaseUnreachableException lostAndGone(MigrationInfo failed, SQLException lost,
			DatabaseUnreachableException wait) {
		return new DatabaseUnreachableException("lost the database connection during "
				+ ((failed != null) ? Versions.name(failed) : "the run") + " (" + SqlErrors.firstLine(lost.getMessage())
				+ "), which the server rolled back, and then " + wait.getMessage() + "; run migrate again once the"
				+ " database is up");
	}

	/** Every retry after a lock timeout or deadlock failed: a temporary failure, to run again later. */
	static MigrationLockTimeoutException lockRetriesExhausted(MigrationInfo failed, SQLException sql, String blockers,
			int tries, Exception ex) {
		String what = "40P01".equals(sql.getSQLState()) ? "deadlocked" : "timed out waiting for a lock"
				+ " (MIGRATION_LOCK_TIMEOUT)";
		return new MigrationLockTimeoutException(((failed != null) ? "migration " + Versions.name(failed) : "the run")
				+ " " + what + " " + tries + " time(s) (MIGRATION_LOCK_RETRIES): " + SqlErrors.firstLine(sql.getMessage())
				+ "; " + blockers + ". It was rolled back; run migrate again later, when that session is done", ex);
	}

	/** Who was in the way of a lock timeout or a deadlock, as pg_stat_activity shows them. */
	static String lockConflictDetail(SQLException sql, Flyway flyway) {
		DataSource dataSource = flyway.getConfiguration().getDataSource();
		if (!"40P01".equals(sql.getSQLState())) {
			return LockBlockers.describe(dataSource);
		}
		String detail = (sql instanceof PSQLException psql && psql.getServerErrorMessage() != null)
				? psql.getServerErrorMessage().getDetail() : null;
		Set<Integer> pids = new LinkedHashSet<>();
		Matcher matcher = PROCESS.matcher((detail != null) ? detail : "");
		while (matcher.find()) {
			pids.add(Integer.parseInt(matcher.group(1)));
		}
		return "deadlocked with " + sessions(dataSource, pids);
	}

	/** The sessions of {@code pids} that are not ours, with what they ran. */
	private static String sessions(DataSource dataSource, Set<Integer> pids) {
		List<String> found = new ArrayList<>();
		try (Connection connection = dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement("SELECT pid, application_name,"
						+ " regexp_replace(left(query, 80), '\\s+', ' ', 'g') FROM pg_stat_activity"
						+ " WHERE pid = ANY (?) AND application_name NOT LIKE 'schemagate-%-migrator@%'")) {
			statement.setArray(1, connection.createArrayOf("int4", pids.toArray()));
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					found.add("pid " + result.getInt(1) + " (application_name '" + result.getString(2)
							+ "', last query: " + result.getString(3) + ")");
				}
			}
		}
		catch (SQLException ex) {
			return "pids " + pids + " (could not look them up: " + SqlErrors.firstLine(ex.getMessage()) + ")";
		}
		return found.isEmpty() ? "pids " + pids + ", gone now" : String.join("; ", found);
	}

}
