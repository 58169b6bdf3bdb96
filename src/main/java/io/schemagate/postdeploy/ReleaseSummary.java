package io.schemagate.postdeploy;

import java.util.List;

import io.schemagate.migration.HistorySchema;
import io.schemagate.migration.MigrationSummary;
import io.schemagate.text.Report;

/**
 * What {@code migrate} did to one set, with what it did first and what it left for
 * later. The first five fields are the set's run, as {@code migrate --json} has always
 * printed them.
 *
 * @param set {@code regular}, or {@code post-deploy} for {@code migrate --post}
 * @param applied how many migrations this run applied
 * @param fromVersion the set's version before the run, or null for none
 * @param toVersion the set's version after the run, or null for none
 * @param durationMs how long the run took, in milliseconds
 * @param batched whether they were applied as one batch (MIGRATION_BATCH)
 * @param earlierPostDeploy an earlier release's post-deploy migrations, left pending,
 * that this run applied before the regular ones; null when there were none
 * @param postDeployPending the post-deploy migrations still pending after the run, for
 * {@code migrate --post} after the rollout
 */
public record ReleaseSummary(String set, int applied, String fromVersion, String toVersion, long durationMs,
		boolean batched, MigrationSummary earlierPostDeploy, List<String> postDeployPending) implements Report {

	static ReleaseSummary of(MigrationSet.Kind set, MigrationSummary run, MigrationSummary earlierPostDeploy,
			List<String> postDeployPending) {
		return new ReleaseSummary(set.label(), run.applied(), run.fromVersion(), run.toVersion(), run.durationMs(),
				run.batched(), earlierPostDeploy, postDeployPending);
	}

	@Override
	public String text() {
		StringBuilder text = new StringBuilder();
		if (this.earlierPostDeploy != null) {
			text.append("post-deploy migrations of an earlier release, left pending, applied first: ")
				.append(this.earlierPostDeploy.text(HistorySchema.versionsOf(true)))
				.append('\n');
		}
		if (MigrationSet.Kind.POST_DEPLOY.label().equals(this.set) && this.applied == 0 && this.toVersion == null) {
			return "post-deploy migrations: nothing to apply (this build has none: POST_MIGRATION_LOCATIONS)";
		}
		MigrationSummary run = new MigrationSummary(this.applied, this.fromVersion, this.toVersion, this.durationMs,
				this.batched);
		text.append(MigrationSet.Kind.POST_DEPLOY.label().equals(this.set)
				? "post-deploy migrations: " + run.text(HistorySchema.versionsOf(true)) : run.text());
		if (!this.postDeployPending.isEmpty()) {
			text.append("\npost-deploy migrations pending: ").append(String.join(", ", this.postDeployPending))
				.append("; run 'migrate --post' once every replica runs this release");
		}
		return text.toString();
	}

}
