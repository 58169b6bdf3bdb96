package io.schemagate.migration;

import java.util.List;

import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.ErrorCode;
import org.flywaydb.core.api.FlywayException;

/**
 * Flyway's failures that are no migration's fault, as every command reports them: with
 * the files or the schema they are about and what to do, exit 65. Flyway words these as
 * a paragraph whose first line leaves out what an operator needs (which files), or as
 * advice for its own API ("use baseline()").
 */
public final class FlywayFailures {

	/** Where Flyway's message lists the files that share a version: {@code -> path (SQL)}. */
	private static final String OFFENDER = "-> ";

	private FlywayFailures() {
	}

	/**
	 * {@code failure} as a {@link MigrationFailedException} that says what to do, when Flyway
	 * says what it is; otherwise {@code failure} itself.
	 */
	public static RuntimeException translate(RuntimeException failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof FlywayException flyway) {
				RuntimeException known = known(flyway);
				if (known != null) {
					return known;
				}
			}
		}
		return failure;
	}

	private static RuntimeException known(FlywayException failure) {
		ErrorCode code = failure.getErrorCode();
		String message = (failure.getMessage() != null) ? failure.getMessage() : "";
		if (code == CoreErrorCode.DUPLICATE_VERSIONED_MIGRATION || code == CoreErrorCode.DUPLICATE_REPEATABLE_MIGRATION
				|| code == CoreErrorCode.DUPLICATE_UNDO_MIGRATION) {
			List<String> files = offenders(message);
			String what = (code == CoreErrorCode.DUPLICATE_REPEATABLE_MIGRATION) ? "description" : "version";
			String first = message.lines().findFirst().orElse("").strip();
			return new MigrationFailedException(first.replaceFirst("^Found more than one (repeatable )?migration with",
					"more than one $1migration file has") + ": "
					+ String.join(" and ", files) + "; give one of them another " + what
					+ " (nothing was applied)", failure);
		}
		if (code == CoreErrorCode.NON_EMPTY_SCHEMA_WITHOUT_SCHEMA_HISTORY_TABLE) {
			String schemas = message.replaceFirst("(?s)^Found non-empty schema\\(s\\) (.*?) but no schema history.*$",
					"$1");
			return new MigrationFailedException(UnrecordedSchema.problem(schemas) + "; " + UnrecordedSchema.fix()
					+ " (nothing was applied)", failure);
		}
		return null;
	}

	private static List<String> offenders(String message) {
		return message.lines()
			.map(String::strip)
			.filter((line) -> line.startsWith(OFFENDER))
			.map((line) -> line.substring(OFFENDER.length()).replaceFirst(" \\([A-Z_]+\\)$", ""))
			.toList();
	}

}
