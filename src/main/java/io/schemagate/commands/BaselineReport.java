package io.schemagate.commands;

import org.flywaydb.core.Flyway;

import io.schemagate.failure.ExitCode;
import io.schemagate.failure.Failure;
import io.schemagate.migration.Versions;
import io.schemagate.text.Report;

/**
 * A database created without migrations, adopted at a version: the version is recorded
 * as applied and nothing is run.
 *
 * @param version the version recorded
 * @param description the description recorded
 */
public record BaselineReport(String version, String description) implements Report {

	/**
	 * Record {@code version} as applied.
	 * @throws HistoryExistsException when the database already has migration history
	 */
	public static BaselineReport of(Flyway flyway, String version, String description) {
		String current = Versions.of(flyway.info().current());
		int applied = flyway.info().applied().length;
		if (applied > 0) {
			throw new HistoryExistsException("baseline: the database already has migration history (" + applied
					+ " applied, schema version " + Versions.show(current)
					+ "); baseline only adopts a database created without migrations");
		}
		Flyway.configure(flyway.getConfiguration().getClassLoader())
			.configuration(flyway.getConfiguration())
			.baselineVersion(version)
			.baselineDescription(description)
			.load()
			.baseline();
		return new BaselineReport(version, description);
	}

	@Override
	public String text() {
		return "baseline: recorded version " + this.version + " (" + this.description
				+ ") as applied; migrations up to " + this.version + " will not run here, newer ones run on 'migrate'";
	}

	/** Baseline was asked of a database that has migration history: a wrong target, not a wait. */
	public static class HistoryExistsException extends RuntimeException implements Failure {

		HistoryExistsException(String message) {
			super(message);
		}

		@Override
		public ExitCode exitCode() {
			return ExitCode.CONFIGURATION;
		}

	}

}
