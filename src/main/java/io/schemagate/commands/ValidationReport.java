package io.schemagate.commands;

import java.util.Arrays;
import java.util.List;

import org.flywaydb.core.Flyway;

import io.schemagate.migration.HistoryCheck;
import io.schemagate.migration.MigrationItem;
import io.schemagate.migration.Versions;
import io.schemagate.postdeploy.MigrationSet;
import io.schemagate.postdeploy.PostDeployMigrations;
import io.schemagate.text.Report;

/**
 * Whether the migrations applied to the database agree with this build's files. Pending
 * migrations and migrations applied by a newer build are not disagreements.
 *
 * @param valid whether everything agrees
 * @param mismatches each disagreement, with what to do about it
 * @param ahead migrations applied by a newer build (reported, not a mismatch)
 * @param set which set of migrations this is: {@code regular} or {@code post-deploy}
 * @param postDeploy the post-deploy set's validation, or null when the build has none;
 * {@code valid} is false when either set disagrees
 */
public record ValidationReport(boolean valid, List<HistoryCheck.Mismatch> mismatches, List<MigrationItem> ahead,
		String set, ValidationReport postDeploy) implements Report {

	/** Validate both sets; changes nothing. */
	public static ValidationReport of(PostDeployMigrations sets) {
		ValidationReport postDeploy = sets.postDeploy().map((flyway) -> of(flyway, MigrationSet.Kind.POST_DEPLOY, null))
			.orElse(null);
		return of(sets.regular(), MigrationSet.Kind.REGULAR, postDeploy);
	}

	private static ValidationReport of(Flyway flyway, MigrationSet.Kind set, ValidationReport postDeploy) {
		List<HistoryCheck.Mismatch> mismatches = HistoryCheck.mismatches(flyway);
		List<MigrationItem> ahead = Arrays.stream(flyway.info().all())
			.filter(Versions::isAhead)
			.map(MigrationItem::of)
			.toList();
		return new ValidationReport(mismatches.isEmpty() && (postDeploy == null || postDeploy.valid()), mismatches, ahead,
				set.label(), postDeploy);
	}

	@Override
	public String text() {
		String text = own(this.mismatches.isEmpty());
		return (this.postDeploy != null) ? text + "\n" + BothSets.postDeploySection(this.postDeploy.own(this.postDeploy.valid))
				: text;
	}

	private String own(boolean valid) {
		StringBuilder text = new StringBuilder();
		if (valid) {
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
