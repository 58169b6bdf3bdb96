package io.schemagate.commands;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.schemagate.lint.Finding;
import io.schemagate.lint.LintResult;
import io.schemagate.migration.Versions;
import io.schemagate.postdeploy.MigrationSet;
import io.schemagate.text.Report;

/**
 * Lint's findings for people, for machines ({@code --json}: the result as it is) or as
 * GitHub Actions annotations ({@code --format github}).
 *
 * @param currentVersion the target's schema version, or null for an empty schema
 * @param migrations each pending migration lint judged, with its findings
 * @param notJudged the pending migrations after one that failed on the scratch database
 * @param notes what limits the findings
 * @param findings what is true of the whole run (a scratch server of another major)
 * @param github whether to print GitHub Actions annotations
 */
record LintReport(String currentVersion, List<LintResult.Migration> migrations, List<String> notJudged,
		List<String> notes, List<Finding> findings, @JsonIgnore boolean github) implements Report {

	LintReport(LintResult result, boolean github) {
		this(result.currentVersion(), result.migrations(), result.notJudged(), result.notes(), result.findings(),
				github);
	}

	/** What lint found. */
	LintResult result() {
		return new LintResult(this.currentVersion, this.migrations, this.notJudged, this.notes, this.findings);
	}

	@Override
	public String text() {
		return this.github ? annotations() : forPeople();
	}

	private String forPeople() {
		if (result().migrations().isEmpty() && result().notJudged().isEmpty()) {
			return "lint: nothing pending: schema is at version " + Versions.show(result().currentVersion());
		}
		StringBuilder text = new StringBuilder("lint: ").append(result().migrations().size())
			.append(" pending migration(s) judged on a scratch database at schema version ")
			.append(Versions.show(result().currentVersion()))
			.append('\n');
		result().notes().forEach((note) -> text.append("note: ").append(note).append('\n'));
		for (Finding finding : result().findings()) {
			text.append(finding.severity()).append(' ').append(finding.code()).append(": ").append(finding.message())
				.append('\n')
				.append("  fix: ")
				.append(finding.fix())
				.append('\n');
		}
		for (LintResult.Migration migration : result().migrations()) {
			text.append('\n').append(Versions.name(migration.version(), migration.description())).append(" (")
				.append(migration.file()).append(MigrationSet.Kind.POST_DEPLOY.label().equals(migration.set())
						? ", post-deploy)" : ")");
			if (migration.findings().isEmpty()) {
				text.append(": no findings\n");
				continue;
			}
			text.append('\n');
			for (Finding finding : migration.findings()) {
				text.append("  ").append((finding.line() > 0) ? "line " + finding.line() + " " : "")
					.append(finding.severity()).append(' ').append(finding.code()).append(": ").append(finding.message())
					.append('\n');
				if (finding.rows() != null || finding.bytes() != null) {
					text.append("    in the target: ").append(sizeOf(finding)).append('\n');
				}
				if (finding.lock() != null && !finding.blocks().isEmpty()) {
					text.append("    lock: ").append(finding.lock()).append(", blocks ")
						.append(String.join(" and ", finding.blocks())).append('\n');
				}
				text.append(finding.accepted() ? "    accepted: " + finding.reason() : "    fix: " + finding.fix())
					.append('\n');
			}
		}
		if (!result().notJudged().isEmpty()) {
			text.append("\nnot judged (after a migration that failed): ").append(result().notJudged()).append('\n');
		}
		return text.append("\nlint: ").append(result().counts()).toString();
	}

	private String annotations() {
		StringBuilder text = new StringBuilder();
		// The run's findings name no file: GitHub shows them on the run's summary.
		result().findings().forEach((finding) -> annotate(text, null, finding));
		for (LintResult.Migration migration : result().migrations()) {
			for (Finding finding : migration.findings()) {
				annotate(text, migration.path(), finding);
			}
		}
		return text.append("lint: ").append(result().counts()).toString();
	}

	private static void annotate(StringBuilder text, String path, Finding finding) {
		if (finding.accepted()) {
			return;
		}
		String level = switch (finding.severity()) {
			case ERROR -> "error";
			case WARNING -> "warning";
			case INFO -> "notice";
		};
		text.append("::").append(level).append(' ')
			.append((path != null) ? "file=" + path + ((finding.line() > 0) ? ",line=" + finding.line() : "") + "," : "")
			.append("title=lint ")
			.append(finding.code())
			.append("::")
			.append(escape(finding.message() + " Fix: " + finding.fix()))
			.append('\n');
	}

	/** GitHub's workflow commands take %, CR and LF escaped. */
	private static String escape(String message) {
		return message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
	}

	/** A finding's table size in the target: {@code 48213 rows, 5.2 MB (5451776 bytes)}. */
	static String sizeOf(Finding finding) {
		String rows = (finding.rows() != null) ? finding.rows() + " rows" : "rows unknown";
		if (finding.bytes() == null) {
			return rows;
		}
		long bytes = finding.bytes();
		String[] units = { "kB", "MB", "GB", "TB" };
		double value = bytes;
		String human = bytes + " bytes";
		for (int unit = 0; unit < units.length && value >= 1024; unit++) {
			value /= 1024;
			human = String.format(java.util.Locale.ROOT, "%.1f %s (%d bytes)", value, units[unit], bytes);
		}
		return rows + ", " + human;
	}

}
