package io.schemagate.text;

/**
 * Text as it may appear in a one-line message for people: values quoted and cut short,
 * control characters escaped, so that one bad value can neither break the line nor flood
 * a log. Never used for secrets.
 */
public final class Shown {

	/** How much of a value a message shows (README: "cut to 40 characters"). */
	public static final int MAX_SHOWN = 40;

	private Shown() {
	}

	/** A value, quoted, escaped and cut to {@link #MAX_SHOWN} characters. */
	public static String value(String value) {
		return "'" + cut(value) + "'" + (isCut(value) ? " (cut short)" : "");
	}

	/** A value escaped and cut to {@link #MAX_SHOWN} characters, without quotes: a host, a database name. */
	public static String bare(String value) {
		return isCut(value) ? cut(value) + "..." : cut(value);
	}

	/**
	 * Text with its control characters escaped, so that it stays one line: a database's
	 * own error message, or a value quoted in it, may hold line breaks.
	 */
	public static String oneLine(String text) {
		StringBuilder line = new StringBuilder(text.length());
		text.codePoints().forEach((codePoint) -> append(line, codePoint, false));
		return line.toString();
	}

	/**
	 * Text whose words longer than {@code max} characters are cut to {@code max}: a server's
	 * error that repeats a value (a host name) given whole.
	 */
	public static String cutLongWords(String text, int max) {
		StringBuilder cut = new StringBuilder(Math.min(text.length(), 1024));
		int run = 0;
		boolean marked = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isWhitespace(c)) {
				run = 0;
				marked = false;
				cut.append(c);
			}
			else if (++run <= max) {
				cut.append(c);
			}
			else if (!marked) {
				cut.append("...");
				marked = true;
			}
		}
		return cut.toString();
	}

	private static String cut(String value) {
		StringBuilder shown = new StringBuilder();
		value.codePoints().limit(MAX_SHOWN).forEach((codePoint) -> append(shown, codePoint, true));
		return shown.toString();
	}

	private static boolean isCut(String value) {
		return value.codePointCount(0, value.length()) > MAX_SHOWN;
	}

	private static void append(StringBuilder text, int codePoint, boolean escapeQuote) {
		if (Character.isISOControl(codePoint) || (escapeQuote && codePoint == '\'')) {
			text.append(String.format("\\u%04x", codePoint));
		}
		else {
			text.appendCodePoint(codePoint);
		}
	}

}
