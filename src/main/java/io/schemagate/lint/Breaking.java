package io.schemagate.lint;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.schemagate.postdeploy.MigrationSet;

/**
 * The findings that break the release still serving while a migration runs: what it
 * reads is dropped or renamed, or its inserts fail on a new NOT NULL column. In a
 * regular migration (applied before the rollout) each says to move the statement to a
 * post-deploy one; in a post-deploy migration (applied once every replica runs the new
 * release) the release that used it is gone, and each is info.
 */
final class Breaking {

	static final Set<Code> CODES = EnumSet.of(Code.DROP_TABLE, Code.DROP_COLUMN, Code.RENAME_TABLE, Code.RENAME_COLUMN,
			Code.NOT_NULL_WITHOUT_DEFAULT);

	private static final String MOVE = "move it to a post-deploy migration (POST_MIGRATION_LOCATIONS, by default"
			+ " src/main/resources/db/post-migration): 'migrate --post' applies it once every replica runs the new release,"
			+ " so the release before never meets it; or ";

	private static final String AFTER_ROLLOUT = "none, if the release before this one no longer uses it: run 'migrate"
			+ " --post' only once no replica of that release serves (after 'kubectl rollout status', 'aws ecs wait"
			+ " services-stable' or 'up -d api')";

	/** Where each breaking rule's message says why it breaks (Rules). */
	private static final String SERVING = ": the release still serving";

	private Breaking() {
	}

	/** {@code findings} as they hold in a migration of {@code set}. */
	static List<Finding> inSet(List<Finding> findings, MigrationSet.Kind set) {
		return findings.stream().map((finding) -> inSet(finding, set)).toList();
	}

	private static Finding inSet(Finding finding, MigrationSet.Kind set) {
		Code code = Code.of(finding.code());
		if (code == null || !CODES.contains(code)) {
			return finding;
		}
		if (set == MigrationSet.Kind.REGULAR) {
			return new Finding(finding.code(), finding.severity(), finding.version(), finding.file(), finding.line(),
					finding.table(), finding.rows(), finding.bytes(), finding.lock(), finding.blocks(), finding.message(),
					MOVE + finding.fix(), finding.accepted(), finding.reason());
		}
		String message = finding.message();
		int serving = message.indexOf(SERVING);
		message = ((serving >= 0) ? message.substring(0, serving) : message)
				+ ": a post-deploy migration, so no release that uses the old shape still serves";
		return new Finding(finding.code(), Severity.INFO, finding.version(), finding.file(), finding.line(),
				finding.table(), finding.rows(), finding.bytes(), finding.lock(), finding.blocks(), message, AFTER_ROLLOUT,
				finding.accepted(), finding.reason());
	}

}
