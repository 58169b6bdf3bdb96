package io.schemagate.commands;

import java.util.Arrays;
import java.util.List;

import org.flywaydb.core.Flyway;

import io.schemagate.migration.HistoryCheck;
import io.schemagate.migration.MigrationItem;
import io.schemagate.migration.Versions;
import io.schemagate.text.Report;

/**
 * Whether the migrations applied to the database agree with this build's files. Pending
 * migrations and migrations applied by a newer build are not disagreements.
 *
 * @param valid whether everything agrees
 * @param mismatches each disagreement, with what to do about it
 * @param ahead migrations applied by a newer build (reported, not a mismatch)
 */
public record ValidationReport(boolean valid, List<HistoryCheck.Mismatch> mismatches, List<MigrationItem> ahead)
		implements Report {

	/** Validate; changes nothing. */
	public static ValidationReport of(Flyway flyway) {
		List<HistoryCheck.Mismatch> mismatches = HistoryCheck.mismatches(flyway);
		List<MigrationItem> ahead = Arrays.stream(flyway.info().all())
			.filter(Versions::isAhead)
			.map(MigrationItem::of)
			.toList();
		return new ValidationReport(mismatches.isEmpty(), mismatches, ahead);
	}

	@Override
	public String text() {
		StringBuilder text = new StringBuilder();
		if (this.valid) {
			text.append("valid: the applied migrations match this build's files");
		}
		else {
			text.append("invalid: ").append(this.mismatches.size()).append(" mismatch(es)");
			for (HistoryCheck.Mismatch mismatch : this.mismatches) {
				text.append("\n  ")
					.append(mismatch.name())
					.append(": ")
					.append(mismatch.problem())
					.append("\n    fix: ")
					.append(mismatch.fix());
			}
		}
		if (!this.ahead.isEmpty()) {
			text.append("\nnote: ").append(this.ahead.size())
				.append(" migration(s) applied by a newer build; fine after rolling the app back");
		}
		return text.toString();
	}

}
