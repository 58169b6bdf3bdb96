package io.schemagate.database;

import java.sql.SQLException;

/** Reads JDBC errors: their kind from the SQLSTATE, and a one-line message for people. */
public final class SqlErrors {

	private SqlErrors() {
	}

	/** SQLSTATE class 28, invalid authorization, e.g. 28P01 wrong password. */
	public static boolean isAuthenticationFailure(SQLException ex) {
		return hasStateClass(ex, "28");
	}

	/** SQLSTATE class 08, connection exception. */
	public static boolean isConnectionFailure(SQLException ex) {
		return hasStateClass(ex, "08");
	}

	/**
	 * The session is gone, or none could be had, for a reason a wait can cure: SQLSTATE
	 * class 08 (connection exception), 57P01-57P03 (the server shut down, crashed or is
	 * starting) and 53300 (too many connections).
	 */
	public static boolean isConnectionLoss(SQLException ex) {
		String state = ex.getSQLState();
		return hasStateClass(ex, "08") || "57P01".equals(state) || "57P02".equals(state) || "57P03".equals(state)
				|| "53300".equals(state);
	}

	/** SQLSTATE 53300: the server refused a new connection (max_connections or a role's CONNECTION LIMIT). */
	public static boolean isTooManyConnections(SQLException ex) {
		return "53300".equals(ex.getSQLState());
	}

	/** SQLSTATE 40P01 (deadlock) or 55P03 (lock_timeout): the statement was rolled back for a lock. */
	public static boolean isLockConflict(SQLException ex) {
		return "40P01".equals(ex.getSQLState()) || "55P03".equals(ex.getSQLState());
	}

	/** The driver asked for TLS (sslmode=require and stricter) and the server has none. */
	static boolean isTlsRefused(SQLException ex) {
		return ex.getMessage() != null && ex.getMessage().contains("does not support SSL");
	}

	/** The first SQLException in a cause chain, or null. */
	public static SQLException find(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sqlException) {
				return sqlException;
			}
		}
		return null;
	}

	/** The first line of a message, which for PostgreSQL errors is the error itself. */
	public static String firstLine(String message) {
		if (message == null || message.isBlank()) {
			return "(no message)";
		}
		String trimmed = message.strip();
		int newline = trimmed.indexOf('\n');
		return ((newline < 0) ? trimmed : trimmed.substring(0, newline)).strip();
	}

	private static boolean hasStateClass(SQLException ex, String stateClass) {
		return ex.getSQLState() != null && ex.getSQLState().startsWith(stateClass);
	}

}
