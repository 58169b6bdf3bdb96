package io.schemagate.migration.batch;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.core.Parser;

/**
 * Whether the batch can send a migration file as it is. Flyway reads each file itself,
 * statement by statement, and resets the session after it; the batch sends the file
 * whole, in a transaction it shares with the others. So a file that needs Flyway's
 * reading (placeholders, COPY data, a BEGIN ATOMIC body) or that could reach past itself
 * (ending the transaction, changing the role, the search_path or how later files are read,
 * ending inside a comment or a quoted string) is left to Flyway. Statements are read as
 * the PostgreSQL driver splits them, since that is what the server receives; the batch
 * reads them with standard_conforming_strings on, and leaves a session where it is off
 * to Flyway ({@link BatchMigration}).
 */
final class BatchableSql {

	/** Statements that end, or split, the transaction the batch shares. */
	private static final Set<String> TRANSACTION_CONTROL = Set.of("BEGIN", "START", "COMMIT", "END", "ROLLBACK",
			"ABORT", "SAVEPOINT", "RELEASE");

	/** Space between words, comments included. */
	private static final String GAP = "(?:\\s|/\\*.*?\\*/|--[^\\n]*\\n)+";

	/**
	 * A change of what Flyway resets after each migration (the role, the search_path), or
	 * of how the next file is read, wherever the file has it: also where no reading of its
	 * statements would find it, as in {@code DO $$ BEGIN EXECUTE 'SET ROLE ' || owner; END $$}
	 * or {@code SET "search_path"}. Matched in comments and strings too: a false match only
	 * costs the run its speed. What hides even from this (a role set by a function) the
	 * batch's marks still catch ({@link BatchSender}).
	 */
	private static final Pattern SESSION_CHANGE = Pattern.compile("(?is)\\b(SET|RESET)" + GAP + "((SESSION|LOCAL)" + GAP + ")?\"?"
			+ "(ROLE|AUTHORIZATION|SEARCH_PATH|SCHEMA|CLIENT_MIN_MESSAGES|STANDARD_CONFORMING_STRINGS|ALL)\\b"
			+ "|\\bset_config\\s*\\(\\s*E?'(?<setConfig>ROLE|SESSION_AUTHORIZATION|SEARCH_PATH|CLIENT_MIN_MESSAGES"
			+ "|STANDARD_CONFORMING_STRINGS)'|\\bDISCARD\\b");

	/** COPY ... FROM STDIN: Flyway streams the rows that follow it, the driver cannot. */
	private static final Pattern COPY_FROM_STDIN = Pattern.compile("(?is)\\bCOPY\\b[^;]*\\bFROM\\s+STDIN\\b");

	/** A function body in standard SQL: its semicolons are no statement ends, which the driver cannot tell. */
	private static final Pattern BEGIN_ATOMIC = Pattern.compile("(?is)\\bBEGIN" + GAP + "ATOMIC\\b");

	/** Parsed after each file: it stays a statement of its own unless the file ends inside a comment or a string. */
	private static final String SENTINEL = "SELECT 'schemagate-batch-sentinel'";

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
		Matcher change = SESSION_CHANGE.matcher(sql);
		if (change.find()) {
			return "may change the session's role, search_path or settings (" + shown(change) + "), which Flyway"
					+ " resets after each migration";
		}
		List<String> statements;
		try {
			// The batch sends each file followed by a mark, as here by a sentinel.
			statements = Parser.parseJdbcSql(sql + "\n;\n" + SENTINEL, true, false, true, false, false)
				.stream()
				.map((query) -> query.nativeSql)
				.toList();
		}
		catch (SQLException ex) {
			return "could not be split into statements (" + ex.getMessage() + ")";
		}
		if (statements.isEmpty() || !statements.get(statements.size() - 1).strip().equals(SENTINEL)) {
			return "ends inside a comment or a quoted string, which would take in what the batch sends after it";
		}
		for (String statement : statements.subList(0, statements.size() - 1)) {
			String refusal = statementRefusal(leadingWords(statement));
			if (refusal != null) {
				return refusal;
			}
		}
		return null;
	}

	/** What {@link #SESSION_CHANGE} found, for the log: {@code SET ROLE}, {@code set_config of search_path}. */
	private static String shown(Matcher change) {
		String setConfig = change.group("setConfig");
		return (setConfig != null) ? "set_config of " + setConfig
				: change.group().replaceAll("/\\*.*?\\*/|--[^\\n]*\\n", " ").replace("\"", "").replaceAll("\\s+", " ").strip();
	}

	private static String statementRefusal(List<String> words) {
		String first = words.isEmpty() ? "" : words.get(0);
		String second = (words.size() > 1) ? words.get(1) : "";
		if (TRANSACTION_CONTROL.contains(first) || (first.equals("PREPARE") && second.equals("TRANSACTION"))) {
			return "controls its transaction (" + first + "), which the batch shares with the other files";
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
