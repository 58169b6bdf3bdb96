package io.schemagate.migration;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.postgresql.core.Parser;

/**
 * Whether the batch can send a migration file as it is. Flyway reads each file itself,
 * statement by statement, and resets the session after it; the batch sends the file
 * whole, in a transaction it shares with the others. So a file that needs Flyway's
 * reading (placeholders, COPY data, a BEGIN ATOMIC body) or that would reach past itself
 * (ending the transaction, changing the role, the search_path or how later files are read)
 * is left to Flyway. Statements are read as the PostgreSQL driver splits them, since
 * that is what the server receives.
 */
final class BatchableSql {

	/** Statements that end, or split, the transaction the batch shares. */
	private static final Set<String> TRANSACTION_CONTROL = Set.of("BEGIN", "START", "COMMIT", "END", "ROLLBACK",
			"ABORT", "SAVEPOINT", "RELEASE");

	/** Session settings that Flyway resets after each migration, or that change how the next file is read. */
	private static final Set<String> SESSION_SETTINGS = Set.of("ROLE", "AUTHORIZATION", "SEARCH_PATH", "SCHEMA",
			"CLIENT_MIN_MESSAGES", "STANDARD_CONFORMING_STRINGS", "ALL");

	private static final Pattern SET_CONFIG = Pattern.compile("(?i)\\bset_config\\s*\\(\\s*'(search_path|role"
			+ "|session_authorization|client_min_messages|standard_conforming_strings)'");

	/** COPY ... FROM STDIN: Flyway streams the rows that follow it, the driver cannot. */
	private static final Pattern COPY_FROM_STDIN = Pattern.compile("(?is)\\bCOPY\\b[^;]*\\bFROM\\s+STDIN\\b");

	/** A function body in standard SQL: its semicolons are no statement ends, which the driver cannot tell. */
	private static final Pattern BEGIN_ATOMIC = Pattern.compile("(?is)\\bBEGIN(\\s|/\\*.*?\\*/|--[^\\n]*\\n)+ATOMIC\\b");

	private BatchableSql() {
	}

	/**
	 * Why {@code sql} cannot go as it is, as words that follow the file's name, or null.
	 * @param placeholderPrefix Flyway's placeholder prefix, or null when it replaces none
	 * @param placeholder a placeholder as the message shows it, e.g. {@code ${name}}
	 */
	static String refusal(String sql, String placeholderPrefix, String placeholder) {
		if (placeholderPrefix != null && sql.contains(placeholderPrefix)) {
			return "has placeholders (" + placeholder + ") to replace";
		}
		if (COPY_FROM_STDIN.matcher(sql).find()) {
			return "copies data from stdin";
		}
		if (BEGIN_ATOMIC.matcher(sql).find()) {
			return "has a BEGIN ATOMIC body, which only Flyway's parser splits from the statements around it";
		}
		if (SET_CONFIG.matcher(sql).find()) {
			return "changes a session setting with set_config, which Flyway resets after each migration";
		}
		List<String> statements;
		try {
			statements = Parser.parseJdbcSql(sql, true, false, true, false, false)
				.stream()
				.map((query) -> query.nativeSql)
				.toList();
		}
		catch (SQLException ex) {
			return "could not be split into statements (" + ex.getMessage() + ")";
		}
		for (String statement : statements) {
			String refusal = statementRefusal(leadingWords(statement));
			if (refusal != null) {
				return refusal;
			}
		}
		return null;
	}

	private static String statementRefusal(List<String> words) {
		String first = words.isEmpty() ? "" : words.get(0);
		String second = (words.size() > 1) ? words.get(1) : "";
		if (TRANSACTION_CONTROL.contains(first) || (first.equals("PREPARE") && second.equals("TRANSACTION"))) {
			return "controls its transaction (" + first + "), which the batch shares with the other files";
		}
		if (first.equals("SET") || first.equals("RESET")) {
			String setting = (second.equals("SESSION") || second.equals("LOCAL")) && words.size() > 2 ? words.get(2)
					: second;
			if (SESSION_SETTINGS.contains(setting)) {
				String name = switch (setting) {
					case "ALL" -> "settings";
					case "AUTHORIZATION" -> "session authorization";
					case "SCHEMA" -> "search_path";
					default -> setting.toLowerCase(Locale.ROOT);
				};
				return "changes the session's " + name + " (" + first + "), which Flyway resets after each migration";
			}
		}
		if (first.equals("DISCARD")) {
			return "resets the session (DISCARD)";
		}
		return null;
	}

	/** The first three words of a statement, upper-cased, after its leading comments. */
	private static List<String> leadingWords(String statement) {
		char[] text = statement.toCharArray();
		int at = 0;
		while (at < text.length) {
			if (Character.isWhitespace(text[at])) {
				at++;
			}
			else if (at + 1 < text.length && text[at] == '-' && text[at + 1] == '-') {
				at = Parser.parseLineComment(text, at) + 1;
			}
			else if (at + 1 < text.length && text[at] == '/' && text[at + 1] == '*') {
				at = Parser.parseBlockComment(text, at) + 1;
			}
			else {
				break;
			}
		}
		List<String> words = new ArrayList<>();
		while (at < text.length && words.size() < 3) {
			int start = at;
			while (at < text.length && (Character.isLetterOrDigit(text[at]) || text[at] == '_')) {
				at++;
			}
			if (at == start) {
				break;
			}
			words.add(statement.substring(start, at).toUpperCase(Locale.ROOT));
			while (at < text.length && Character.isWhitespace(text[at])) {
				at++;
			}
		}
		return words;
	}

}
