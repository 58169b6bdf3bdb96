package io.schemagate.lint;

import java.util.List;

/**
 * What lint found in the pending migrations.
 *
 * @param currentVersion the target's schema version, or null for an empty schema
 * @param migrations each pending migration lint judged, with its findings, in order
 * @param notJudged the pending migrations after one that failed on the scratch database
 * @param notes what to know about how far the findings go (a baselined history, a drifted
 * target), one line each
 * @param findings what is true of the whole run rather than of one migration (a scratch
 * server of another major version): findings like the others, that fail the run at their
 * severity
 */
public record LintResult(String currentVersion, List<Migration> migrations, List<String> notJudged,
		List<String> notes, List<Finding> findings) {

	/** A result without findings about the whole run. */
	public LintResult(String currentVersion, List<Migration> migrations, List<String> notJudged, List<String> notes) {
		this(currentVersion, migrations, notJudged, notes, List.of());
	}

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
		return all().stream()
			.filter((finding) -> !finding.accepted() && finding.severity().compareTo(severity) >= 0)
			.toList();
	}

	/** How many findings there are of each severity, accepted ones apart: {@code 2 errors, 1 warning, 3 info}. */
	public String counts() {
		List<Finding> all = all();
		long errors = all.stream().filter((f) -> !f.accepted() && f.severity() == Severity.ERROR).count();
		long warnings = all.stream().filter((f) -> !f.accepted() && f.severity() == Severity.WARNING).count();
		long infos = all.stream().filter((f) -> !f.accepted() && f.severity() == Severity.INFO).count();
		long accepted = all.stream().filter(Finding::accepted).count();
		return errors + " error(s), " + warnings + " warning(s), " + infos + " info, " + accepted + " accepted";
	}

	/** The run's findings, then each migration's. */
	private List<Finding> all() {
		return java.util.stream.Stream
			.concat(this.findings.stream(), this.migrations.stream().flatMap((migration) -> migration.findings().stream()))
			.toList();
	}

	/** This result's migrations, then {@code later}'s, as one run; this one's notes and findings. */
	LintResult then(LintResult later) {
		return new LintResult(this.currentVersion, concat(this.migrations, later.migrations),
				concat(this.notJudged, later.notJudged), this.notes, this.findings);
	}

	private static <T> List<T> concat(List<T> first, List<T> second) {
		List<T> all = new java.util.ArrayList<>(first);
		all.addAll(second);
		return List.copyOf(all);
	}

	/** The same result with {@code others} about the whole run added. */
	LintResult withFindings(List<Finding> others) {
		List<Finding> all = new java.util.ArrayList<>(this.findings);
		all.addAll(others);
		return new LintResult(this.currentVersion, this.migrations, this.notJudged, this.notes, List.copyOf(all));
	}

}
