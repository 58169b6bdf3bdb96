package io.schemagate.lint;

import java.util.List;

/**
 * What lint found in the pending migrations.
 *
 * @param currentVersion the target's schema version, or null for an empty schema
 * @param migrations each pending migration lint judged, with its findings, in order
 * @param notJudged the pending migrations after one that failed on the scratch database
 * @param notes what to know about how far the findings go (a different server version, a
 * baselined history), one line each
 */
public record LintResult(String currentVersion, List<Migration> migrations, List<String> notJudged,
		List<String> notes) {

	/**
	 * One pending migration's findings.
	 *
	 * @param version its version, or null for a repeatable one
	 * @param description what it does
	 * @param file its file
	 * @param path where the file is, for annotations: relative to the working directory for
	 * a filesystem location, under src/main/resources for a classpath one
	 * @param findings what it will do to the running system
	 * @param set which set it belongs to: {@code regular} or {@code post-deploy}
	 */
	public record Migration(String version, String description, String file, String path, List<Finding> findings,
			String set) {

	}

	/** Every finding at or above {@code severity} that no marker accepts. */
	public List<Finding> failing(Severity severity) {
		return this.migrations.stream()
			.flatMap((migration) -> migration.findings().stream())
			.filter((finding) -> !finding.accepted() && finding.severity().compareTo(severity) >= 0)
			.toList();
	}

	/** How many findings there are of each severity, accepted ones apart: {@code 2 errors, 1 warning, 3 info}. */
	public String counts() {
		List<Finding> all = this.migrations.stream().flatMap((migration) -> migration.findings().stream()).toList();
		long errors = all.stream().filter((f) -> !f.accepted() && f.severity() == Severity.ERROR).count();
		long warnings = all.stream().filter((f) -> !f.accepted() && f.severity() == Severity.WARNING).count();
		long infos = all.stream().filter((f) -> !f.accepted() && f.severity() == Severity.INFO).count();
		long accepted = all.stream().filter(Finding::accepted).count();
		return errors + " error(s), " + warnings + " warning(s), " + infos + " info, " + accepted + " accepted";
	}

}
