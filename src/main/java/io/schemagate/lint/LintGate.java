package io.schemagate.lint;

import java.util.List;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.schemagate.database.SqlErrors;
import io.schemagate.failure.Failure;
import io.schemagate.migration.MigrationFailedException;
import io.schemagate.migration.MigrationGate;
import io.schemagate.settings.Settings;

/**
 * MIGRATION_LINT for migrate (and serve with RUN_MIGRATIONS=true): {@code warn} lints,
 * logs each finding and migrates, also when lint cannot run; {@code enforce} refuses the
 * run (exit 65, nothing applied) while an error is not accepted in its file, and when lint
 * cannot run.
 */
class LintGate implements MigrationGate {

	private static final Logger logger = LoggerFactory.getLogger(LintGate.class);

	private final Linter linter;

	private final Settings.MigrationLint mode;

	LintGate(Linter linter, Settings.MigrationLint mode) {
		this.linter = linter;
		this.mode = mode;
	}

	@Override
	public void check(Flyway flyway) {
		if (this.mode == Settings.MigrationLint.OFF) {
			return;
		}
		LintResult result;
		try {
			result = this.linter.lint(flyway);
		}
		catch (RuntimeException ex) {
			if (this.mode == Settings.MigrationLint.WARN) {
				logger.warn("lint could not judge the pending migrations ({}); migrating anyway (MIGRATION_LINT=warn)",
						SqlErrors.firstLine(ex.getMessage()));
				return;
			}
			if (ex instanceof Failure) {
				throw (RuntimeException) ex;
			}
			throw new MigrationFailedException("MIGRATION_LINT=enforce: lint could not judge the pending migrations ("
					+ SqlErrors.firstLine(ex.getMessage()) + "), so nothing was applied", ex);
		}
		result.findings().forEach(LintGate::log);
		result.migrations().forEach((migration) -> migration.findings().forEach(LintGate::log));
		List<Finding> errors = result.failing(Severity.ERROR);
		if (this.mode == Settings.MigrationLint.ENFORCE && !errors.isEmpty()) {
			throw new MigrationFailedException("MIGRATION_LINT=enforce: lint found " + errors.size() + " error(s) in the"
					+ " pending migrations, so nothing was applied; the first: " + LintLines.line(errors.get(0))
					+ ". Run './entrypoint lint' for each and its fix, or accept one in its file with"
					+ " -- lint:allow <code> <reason>", null);
		}
	}

	/** A warning or an error at WARN, so that alerting on WARN sees it; info and accepted ones at INFO. */
	private static void log(Finding finding) {
		if (finding.severity() == Severity.INFO || finding.accepted()) {
			logger.info("lint: {}", LintLines.line(finding));
		}
		else {
			logger.warn("lint: {}", LintLines.line(finding));
		}
	}

}
