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
