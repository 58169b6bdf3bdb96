package io.schemagate.commands;

import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.RepairOutput;
import org.flywaydb.core.api.output.RepairResult;

import io.schemagate.migration.Versions;
import io.schemagate.postdeploy.PostDeployMigrations;
import io.schemagate.text.Report;

/**
 * What Flyway's repair changed in the history: failed rows removed, checksums and
 * descriptions realigned with the files, missing files marked deleted.
 *
 * @param removed failed rows removed
 * @param aligned rows realigned with their files
 * @param deleted rows of missing files marked deleted
 * @param postDeploy what repair changed in the post-deploy history, or null when the
 * build has no post-deploy set
 */
public record RepairReport(List<Row> removed, List<Row> aligned, List<Row> deleted, RepairReport postDeploy)
		implements Report {

	/**
	 * A history row repair changed.
	 *
	 * @param version its version, or null for a repeatable migration
	 * @param description what the migration does
	 */
	public record Row(String version, String description) {

		static Row of(RepairOutput output) {
			return new Row((output.version != null && !output.version.isEmpty()) ? output.version : null,
					output.description);
		}

		@Override
		public String toString() {
			return Versions.name(this.version, this.description);
		}

	}

	/** Repair both histories. */
	public static RepairReport of(PostDeployMigrations sets) {
		RepairReport postDeploy = sets.postDeploy().map((flyway) -> of(flyway, null)).orElse(null);
		return of(sets.regular(), postDeploy);
	}

	private static RepairReport of(Flyway flyway, RepairReport postDeploy) {
		RepairResult result = flyway.repair();
		return new RepairReport(rows(result.migrationsRemoved), rows(result.migrationsAligned),
				rows(result.migrationsDeleted), postDeploy);
	}

	private static List<Row> rows(List<RepairOutput> outputs) {
		return (outputs != null) ? outputs.stream().map(Row::of).toList() : List.of();
	}

	@Override
	public String text() {
		String text = own();
		return (this.postDeploy != null) ? text + "\n" + BothSets.postDeploySection(this.postDeploy.own()) : text;
	}

	private String own() {
		if (this.removed.isEmpty() && this.aligned.isEmpty() && this.deleted.isEmpty()) {
			return "repair: nothing to repair";
		}
		StringBuilder text = new StringBuilder("repair:");
		line(text, "removed failed row(s)", this.removed);
		line(text, "realigned checksum(s) and description(s) with the files", this.aligned);
		line(text, "marked as deleted (files gone)", this.deleted);
		return text.toString();
	}

	private static void line(StringBuilder text, String what, List<Row> rows) {
		if (!rows.isEmpty()) {
			text.append("\n  ").append(what).append(": ").append(rows.stream().map(Row::toString).toList());
		}
	}

}
