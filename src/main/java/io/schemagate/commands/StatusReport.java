package io.schemagate.commands;

import java.util.Arrays;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;

import io.schemagate.migration.HistoryCheck;
import io.schemagate.migration.HistorySchema;
import io.schemagate.migration.InvalidIndexes;
import io.schemagate.migration.MigrationItem;
import io.schemagate.migration.Versions;
import io.schemagate.postdeploy.MigrationSet;
import io.schemagate.postdeploy.PostDeployMigrations;
import io.schemagate.text.Report;

/**
 * Where the database stands against this build: its schema version, the newest version
 * this build knows, and what is pending, failed, or applied by a newer build.
 *
 * @param currentVersion the schema version, or null for an empty schema
 * @param newestVersion the newest version among this build's migrations
 * @param upToDate whether nothing is pending and nothing failed
 * @param pending migrations this build would apply, in order
 * @param failed applied migrations recorded as failed
 * @param ahead migrations applied here that this build does not know
 * @param invalidIndexes indexes left INVALID by an interrupted CREATE INDEX CONCURRENTLY
 * @param refused why {@code migrate} would refuse to run (a file added out of order, one
 * edited or removed after it was applied), each with its fix; failed rows are in
 * {@code failed}
 * @param set which set of migrations this is: {@code regular} or {@code post-deploy}
 * @param postDeploy the post-deploy set's status, or null when the build has none; its
 * pending migrations leave the regular set (and readiness) up to date
 */
public record StatusReport(String currentVersion, String newestVersion, boolean upToDate, List<MigrationItem> pending,
		List<MigrationItem> failed, List<MigrationItem> ahead, List<String> invalidIndexes,
		List<HistoryCheck.Mismatch> refused, String set, StatusReport postDeploy) implements Report {

	/** Read the status of both sets; changes nothing. */
	public static StatusReport of(PostDeployMigrations sets) {
		StatusReport regular = of(sets.regular(), MigrationSet.Kind.REGULAR, null);
		return sets.postDeploy()
			.map((flyway) -> of(sets.regular(), MigrationSet.Kind.REGULAR, of(flyway, MigrationSet.Kind.POST_DEPLOY, null)))
			.orElse(regular);
	}

	private static StatusReport of(Flyway flyway, MigrationSet.Kind set, StatusReport postDeploy) {
		MigrationInfoService info = flyway.info();
		MigrationInfo[] all = info.all();
		MigrationVersion newestVersion = Versions.newest(all);
		String newest = (newestVersion != null) ? newestVersion.getVersion() : null;
		List<MigrationItem> pending = Arrays.stream(info.pending()).map(MigrationItem::of).toList();
		List<MigrationItem> failed = Arrays.stream(all)
			.filter((migration) -> migration.getState().isFailed())
			.map(MigrationItem::of)
			.toList();
		List<MigrationItem> ahead = Arrays.stream(all).filter(Versions::isAhead).map(MigrationItem::of).toList();
		List<String> invalidIndexes = (set == MigrationSet.Kind.REGULAR)
				? InvalidIndexes.find(flyway.getConfiguration().getDataSource()) : List.of();
		List<HistoryCheck.Mismatch> refused = HistoryCheck.mismatches(flyway)
			.stream()
			.filter((mismatch) -> !mismatch.isFailedRow())
			.toList();
		return new StatusReport(HistorySchema.reported(flyway.getConfiguration(), Versions.of(info.current())), newest,
				pending.isEmpty() && failed.isEmpty() && invalidIndexes.isEmpty() && refused.isEmpty(), pending,
				failed, ahead, invalidIndexes, refused, set.label(), postDeploy);
	}

	@Override
	public String text() {
		String text = own();
		return (this.postDeploy != null) ? text + "\n" + BothSets.postDeploySection(this.postDeploy.own()) : text;
	}

	private String own() {
		boolean post = MigrationSet.Kind.POST_DEPLOY.label().equals(this.set);
		String migrate = post ? "'migrate --post'" : "'migrate'";
		StringBuilder text = new StringBuilder();
		text.append(HistorySchema.versionsOf(post)).append(" version: ").append(Versions.show(this.currentVersion));
		text.append(" (newest in this build: ").append(Versions.show(this.newestVersion)).append(")\n");
		if (this.pending.isEmpty()) {
			text.append("pending: none\n");
		}
		else {
			text.append("pending: ").append(this.pending.size())
				.append(this.refused.isEmpty() ? (post ? " (run 'migrate --post' once every replica runs this release)\n" : " (run 'migrate' to apply)\n") : "\n");
			this.pending.forEach((item) -> text.append("  ").append(item.name()).append("  ").append(item.script())
				.append('\n'));
		}
		if (!this.refused.isEmpty()) {
			text.append("migrate would refuse to run: ").append(this.refused.size())
				.append(" problem(s), nothing would be applied until each is fixed\n");
			this.refused.forEach((mismatch) -> text.append("  ").append(mismatch.name()).append(": ")
				.append(mismatch.problem()).append("\n    fix: ").append(mismatch.fix()).append('\n'));
		}
		if (!this.failed.isEmpty()) {
			text.append("failed: ").append(this.failed.size())
				.append(" (fix the cause, run 'repair' to remove the failed row, then " + migrate + ")\n");
			this.failed.forEach((item) -> text.append("  ").append(item.name()).append('\n'));
		}
		if (!this.ahead.isEmpty()) {
			text.append("applied by a newer build: ").append(this.ahead.size())
				.append(" (fine after rolling the app back; this build will not undo them)\n");
			this.ahead.forEach((item) -> text.append("  ").append(item.name()).append('\n'));
		}
		if (!this.invalidIndexes.isEmpty()) {
			text.append("invalid indexes: ").append(this.invalidIndexes)
				.append(" (left by an interrupted CREATE INDEX CONCURRENTLY: DROP INDEX CONCURRENTLY each one,")
				.append(" then 'repair' and 'migrate')\n");
		}
		text.append(this.upToDate ? "up to date" : "not up to date");
		if (post && !this.upToDate) {
			text.append(" (post-deploy: readiness and 'status --check' do not wait for these)");
		}
		return text.toString();
	}

}
