package io.schemagate.trace;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;

/**
 * A migration file split into statements as the PostgreSQL driver splits them, which is
 * what the server receives, each with the line it starts on. A comment that starts after
 * a statement's semicolon on the same line, {@code --} or a block comment, belongs to that
 * statement (where people write {@code -- lint:allow ...}), not to the next.
 */
public final class Statements {

	/** One statement: its text (without the semicolon) and the line its first word is on, from 1. */
	public record Statement(String sql, int line) {

	}

	private Statements() {
	}

	/**
	 * Split {@code sql}; statements that are only comments are left out.
	 * @throws SQLException when the driver cannot split it
	 */
	public static List<Statement> split(String sql) throws SQLException {
		List<NativeQuery> queries = Parser.parseJdbcSql(sql, true, false, true, false, false);
		List<String> texts = new ArrayList<>();
		for (NativeQuery query : queries) {
			texts.add(query.nativeSql);
		}
		// A comment that starts on the line a statement ends on, a line comment or a block
		// comment (which may run on): move it from the next statement to this one.
		for (int i = 0; i + 1 < texts.size(); i++) {
			String next = texts.get(i + 1);
			int at = 0;
			while (at < next.length() && (next.charAt(at) == ' ' || next.charAt(at) == '\t')) {
				at++;
			}
			int end = -1;
			if (next.startsWith("--", at)) {
				int newline = next.indexOf('\n', at);
				end = (newline < 0) ? next.length() : newline;
			}
			else if (next.startsWith("/*", at)) {
				end = Math.min(next.length(), Parser.parseBlockComment(next.toCharArray(), at) + 1);
			}
			if (end > at) {
				texts.set(i, texts.get(i) + " " + next.substring(at, end));
				texts.set(i + 1, next.substring(end));
			}
		}
		List<Statement> statements = new ArrayList<>();
		int from = 0;
		for (int i = 0; i < texts.size(); i++) {
			String original = queries.get(i).nativeSql;
			int at = sql.indexOf(original, from);
			at = (at < 0) ? from : at;
			from = at + original.length();
			int start = firstWord(sql, at, Math.min(sql.length(), at + original.length()));
			if (start >= 0) {
				statements.add(new Statement(texts.get(i).strip(), lineOf(sql, start)));
			}
		}
		return statements;
	}

	/** Where the first word between {@code from} and {@code to} is, past blanks and comments; -1 when none. */
	private static int firstWord(String sql, int from, int to) {
		char[] text = sql.toCharArray();
		int at = from;
		while (at < to) {
			if (Character.isWhitespace(text[at])) {
				at++;
			}
			else if (at + 1 < to && text[at] == '-' && text[at + 1] == '-') {
				at = Parser.parseLineComment(text, at) + 1;
			}
			else if (at + 1 < to && text[at] == '/' && text[at + 1] == '*') {
				at = Parser.parseBlockComment(text, at) + 1;
			}
			else {
				return at;
			}
		}
		return -1;
	}

	/** The line, from 1, that {@code offset} of {@code sql} is on. */
	static int lineOf(String sql, int offset) {
		int line = 1;
		for (int i = 0; i < offset; i++) {
			if (sql.charAt(i) == '\n') {
				line++;
			}
		}
		return line;
	}

}
