package io.schemagate.lint;

/** A finding as one line for people: {@code V4__x.sql:3 error rewrite: ... (fix: ...)}. */
public final class LintLines {

	private LintLines() {
	}

	/** The finding in one line, its fix included. */
	public static String line(Finding finding) {
		return where(finding) + " " + finding.severity() + " " + finding.code() + ": " + finding.message()
				+ (finding.accepted() ? " [accepted: " + finding.reason() + "]" : "");
	}

	/** {@code V4__x.sql:3}, the file alone for a whole migration, {@code lint} for the whole run. */
	public static String where(Finding finding) {
		if (finding.file() == null) {
			return "lint";
		}
		return finding.file() + ((finding.line() > 0) ? ":" + finding.line() : "");
	}

}
