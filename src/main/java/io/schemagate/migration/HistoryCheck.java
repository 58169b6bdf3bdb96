package io.schemagate.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.ErrorCode;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;
import org.flywaydb.core.api.pattern.ValidatePattern;

import io.schemagate.database.SqlErrors;

/**
 * Whether the history of the database agrees with this build's files as Flyway's migrate
 * checks it before it runs: each disagreement with what it means and what to do. Serves
 * validate, status, plan and readiness alike.
 */
public final class HistoryCheck {

	/**
	 * One disagreement between the database and this build.
	 *
	 * @param version the migration's version, or null for a repeatable one
	 * @param description what the migration does
	 * @param script its file, where known
	 * @param problem what disagrees
	 * @param fix what to do
	 * @param code Flyway's name for it, e.g. {@code CHECKSUM_MISMATCH}
	 */
	public record Mismatch(String version, String description, String script, String problem, String fix,
			String code) {

		/** Whether it is about a migration applied here that this build has no file for. */
		public boolean isAppliedElsewhere() {
			return CoreErrorCode.APPLIED_VERSIONED_MIGRATION_NOT_RESOLVED.name().equals(this.code)
					|| CoreErrorCode.APPLIED_REPEATABLE_MIGRATION_NOT_RESOLVED.name().equals(this.code);
		}

		/** Whether it is about a failed row, which status lists on its own. */
		public boolean isFailedRow() {
			return CoreErrorCode.FAILED_VERSIONED_MIGRATION.name().equals(this.code)
					|| CoreErrorCode.FAILED_REPEATABLE_MIGRATION.name().equals(this.code);
		}

		/** As operators name it: {@code V3 add_index}, or "history" when it is about no one migration. */
		public String name() {
			return (this.version == null && this.description == null) ? "history"
					: Versions.name(this.version, this.description);
		}

	}

	private static final Map<ErrorCode, String[]> ADVICE = Map.of(CoreErrorCode.CHECKSUM_MISMATCH,
			new String[] { "its file changed after it was applied",
					"if the edit was intended, run 'repair' to record the new checksum; otherwise restore the file as it was applied" },
			CoreErrorCode.APPLIED_VERSIONED_MIGRATION_NOT_RESOLVED,
			new String[] { "it was applied, but its file is not in this build",
					"restore the file; if it was removed on purpose, run 'repair' to mark it deleted" },
			CoreErrorCode.APPLIED_REPEATABLE_MIGRATION_NOT_RESOLVED,
			new String[] { "it was applied, but its file is not in this build",
					"restore the file; if it was removed on purpose, run 'repair' to mark it deleted" },
			CoreErrorCode.FAILED_VERSIONED_MIGRATION,
			new String[] { "it is recorded as failed",
					"fix the cause (a non-transactional migration may be partly applied), run 'repair' to remove the failed row, then 'migrate'" },
			CoreErrorCode.FAILED_REPEATABLE_MIGRATION,
			new String[] { "it is recorded as failed",
					"fix the cause, run 'repair' to remove the failed row, then 'migrate'" },
			CoreErrorCode.DESCRIPTION_MISMATCH,
			new String[] { "its file was renamed after it was applied",
					"if the rename was intended, run 'repair'; otherwise restore the old name" },
			CoreErrorCode.TYPE_MISMATCH,
			new String[] { "its type changed after it was applied (e.g. SQL to Java)",
					"restore it; if the change was intended, run 'repair'" },
			CoreErrorCode.RESOLVED_VERSIONED_MIGRATION_NOT_APPLIED,
			new String[] { "it is older than the schema version but was never applied (added out of order)",
					"give it a version above the newest applied one, or allow it with SPRING_FLYWAY_OUT_OF_ORDER=true" });

	/**
	 * What makes {@code migrate} refuse to run, as Flyway validates before it migrates:
	 * with the ignore patterns it is configured with, and pending migrations allowed; or,
	 * before any of that, a schema with objects but no history.
	 */
	public static List<Mismatch> mismatches(Flyway flyway) {
		String unrecorded = UnrecordedSchema.find(flyway);
		if (!unrecorded.isEmpty()) {
			return List.of(new Mismatch(null, null, null, UnrecordedSchema.problem(unrecorded), UnrecordedSchema.fix(),
					CoreErrorCode.NON_EMPTY_SCHEMA_WITHOUT_SCHEMA_HISTORY_TABLE.name()));
		}
		List<ValidatePattern> patterns = new ArrayList<>(List.of(flyway.getConfiguration().getIgnoreMigrationPatterns()));
		patterns.add(ValidatePattern.fromPattern("*:pending"));
		Flyway lenient = Flyway.configure(flyway.getConfiguration().getClassLoader())
			.configuration(flyway.getConfiguration())
			.ignoreMigrationPatterns(patterns.toArray(ValidatePattern[]::new))
			.load();
		ValidateResult result = lenient.validateWithResult();
		List<Mismatch> mismatches = result.invalidMigrations.stream().map(HistoryCheck::mismatch).toList();
		if (!result.validationSuccessful && mismatches.isEmpty()) {
			String error = (result.errorDetails != null) ? result.errorDetails.errorMessage : null;
			return List.of(new Mismatch(null, null, null, SqlErrors.firstLine(error),
					"see the problem; 'history' shows what was applied", null));
		}
		return mismatches;
	}

	private static Mismatch mismatch(ValidateOutput output) {
		ErrorCode code = (output.errorDetails != null) ? output.errorDetails.errorCode : null;
		String[] advice = ADVICE.get(code);
		String problem = (advice != null) ? advice[0]
				: SqlErrors.firstLine((output.errorDetails != null) ? output.errorDetails.errorMessage : null);
		String fix = (advice != null) ? advice[1] : "see the problem; 'history' shows what was applied";
		String version = (output.version != null && !output.version.isEmpty()) ? output.version : null;
		return new Mismatch(version, output.description, output.filepath, problem, fix,
				(code != null) ? code.toString() : null);
	}

	private HistoryCheck() {
	}

}
