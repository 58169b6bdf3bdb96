package io.schemagate.commands;

import java.util.Arrays;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.Configuration;

import io.schemagate.lint.LintResult;
import io.schemagate.migration.FlywayInternals;
import io.schemagate.migration.HistoryCheck;
import io.schemagate.migration.HistorySchema;
import io.schemagate.migration.MigrationScripts;
import io.schemagate.migration.Versions;
import io.schemagate.migration.batch.BatchVerdict;
import io.schemagate.postdeploy.MigrationSet;
import io.schemagate.postdeploy.PostDeployMigrations;
import io.schemagate.postdeploy.ReleaseMigrator;
import io.schemagate.text.Report;
import io.schemagate.trace.Step;

/**
 * What {@code migrate} would do, in order, without doing it: each pending migration with
 * its SQL and whether it runs inside a transaction.
 *
 * @param currentVersion the schema version now, or null for an empty schema
 * @param steps the pending migrations, in the order migrate applies them
 * @param batch with MIGRATION_BATCH, how the run's one transaction would be applied (in
 * one batch, or by Flyway and why), or why migrate would refuse the run; null without
 * @param refused why migrate would refuse to run at all (a file added out of order, one
 * edited after it was applied, a failed row), each with its fix; empty when it would run
 * @param earlierPostDeploy an earlier release's post-deploy migrations, left pending, that
 * migrate would apply before {@code steps}
 * @param set which set of migrations this is: {@code regular} or {@code post-deploy}
 * @param postDeploy what {@code migrate --post} would apply after the rollout, or null
 * when the build has no post-deploy set
 */
public record PlanReport(String currentVersion, List<Step> steps, String batch, List<HistoryCheck.Mismatch> refused,
		List<Step> earlierPostDeploy, String set, PlanReport postDeploy) implements Report {

	/**
	 * One migration migrate would apply.
	 *
	 * @param version its version, or null for a repeatable migration
	 * @param description what it does
	 * @param script its file
	 * @param inTransaction whether it runs inside a transaction (false for e.g. CREATE INDEX
	 * CONCURRENTLY)
	 * @param sql its SQL, or null when it is not a SQL file
	 * @param lint with MIGRATION_LINT set, how many findings lint has for it, by severity
	 * (accepted ones apart), e.g. {@code 1 error(s), 0 warning(s), 2 info, 0 accepted}; null without
	 */
	public record Step(String version, String description, String script, boolean inTransaction, String sql,
			String lint) {

		/** As operators name it: {@code V3 add_index}. */
		String name() {
			return Versions.name(this.version, this.description);
		}

	}

	/**
	 * Plan both sets, with lint's findings per pending migration where {@code lint} is
	 * given; reads the histories and the files and changes nothing.
	 * @param batch whether migrate would run with MIGRATION_BATCH
	 * @param lint what lint found, or null when MIGRATION_LINT is off
	 */
	public static PlanReport of(PostDeployMigrations sets, ReleaseMigrator release, boolean batch, LintResult lint) {
		Flyway regular = sets.regular();
		PlanReport postDeploy = sets.postDeploy()
			.map((flyway) -> of(flyway, MigrationSet.Kind.POST_DEPLOY, List.of(), false, lint, null))
			.orElse(null);
		List<MigrationInfo> earlier = release.earlierPostDeployPending();
		List<Step> earlierSteps = sets.postDeploy()
			.map((flyway) -> steps(flyway.getConfiguration(), earlier.toArray(MigrationInfo[]::new), null, MigrationSet.Kind.POST_DEPLOY))
			.orElse(List.of());
		return of(regular, MigrationSet.Kind.REGULAR, earlierSteps, batch, lint, postDeploy);
	}

	private static PlanReport of(Flyway flyway, MigrationSet.Kind set, List<Step> earlier, boolean batch,
			LintResult lint, PlanReport postDeploy) {
		var info = flyway.info();
		Configuration configuration = flyway.getConfiguration();
		List<Step> steps = steps(configuration, info.pending(), lint, set);
		if (!earlier.isEmpty() && postDeploy != null) {
			// migrate applies these first: migrate --post is left with the rest.
			List<String> first = earlier.stream().map(Step::script).toList();
			postDeploy = new PlanReport(postDeploy.currentVersion, postDeploy.steps.stream()
				.filter((step) -> !first.contains(step.script()))
				.toList(), null, postDeploy.refused, List.of(), postDeploy.set, null);
		}
		String how = (batch && !steps.isEmpty()) ? batchLine(BatchVerdict.of(configuration, info)) : null;
		return new PlanReport(Versions.of(info.current()), steps, how, HistoryCheck.mismatches(flyway), earlier,
				set.label(), postDeploy);
	}

	private static List<Step> steps(Configuration configuration, MigrationInfo[] migrations, LintResult lint,
			MigrationSet.Kind set) {
		MigrationScripts scripts = MigrationScripts.of(configuration);
		return Arrays.stream(migrations)
			.map((migration) -> new Step(Versions.of(migration), migration.getDescription(), migration.getScript(),
					FlywayInternals.inTransaction(migration), (scripts != null) ? scripts.show(migration) : null,
					(lint != null) ? lintCounts(lint, migration, set) : null))
			.toList();
	}

	/** Lint's counts for one migration, as LintResult counts them all. */
	private static String lintCounts(LintResult lint, MigrationInfo migration, MigrationSet.Kind set) {
		List<LintResult.Migration> judged = lint.migrations()
			.stream()
			.filter((m) -> m.file().equals(migration.getScript()) && m.set().equals(set.label()))
			.toList();
		if (judged.isEmpty()) {
			return "not judged (an earlier migration failed on the scratch database)";
		}
		return new LintResult(lint.currentVersion(), judged, List.of(), List.of()).counts();
	}

	/** The plan's MIGRATION_BATCH line: as migrate would apply the run, or refuse it. */
	private static String batchLine(BatchVerdict verdict) {
		return switch (verdict.outcome()) {
			case BATCH -> "all in one transaction, in one batch";
			// As migrate refuses it: the run's one transaction cannot hold such a migration.
			case REFUSED -> "refused: " + Versions.name(verdict.outside()) + " must run outside a transaction; migrate"
					+ " would apply nothing (exit 65): apply this release without MIGRATION_BATCH";
			case FLYWAY_IN_ONE_TRANSACTION, FLYWAY_EACH_OUTSIDE_A_TRANSACTION -> "by Flyway, " + verdict.byFlyway()
					+ ", since " + verdict.reason();
		};
	}

	@Override
	public String text() {
		String text = own();
		return (this.postDeploy != null) ? text + "\n" + BothSets.postDeploySection(this.postDeploy.own()) : text;
	}

	private String own() {
		boolean post = MigrationSet.Kind.POST_DEPLOY.label().equals(this.set);
		String migrate = post ? "migrate --post" : "migrate";
		String schema = HistorySchema.versionsOf(post);
		if (!this.refused.isEmpty()) {
			StringBuilder text = new StringBuilder(migrate + " would refuse to run (exit 65) and apply nothing: ")
				.append(this.refused.size()).append(" problem(s) with the history of " + schema + " version ")
				.append(Versions.show(this.currentVersion));
			this.refused.forEach((mismatch) -> text.append("\n  ").append(mismatch.name()).append(": ")
				.append(mismatch.problem()).append("\n    fix: ").append(mismatch.fix()));
			if (!this.steps.isEmpty()) {
				text.append("\nonce fixed, it would apply ").append(this.steps.size()).append(" pending migration(s): ")
					.append(this.steps.stream().map(Step::name).toList());
			}
			return text.toString();
		}
		StringBuilder text = new StringBuilder();
		if (!this.earlierPostDeploy.isEmpty()) {
			text.append("first, post-deploy migrations of an earlier release, left pending (migrate applies them before")
				.append(" the regular ones):\n");
			this.earlierPostDeploy.forEach((step) -> show(text, step, false));
			text.append('\n');
		}
		if (this.steps.isEmpty()) {
			return text.append("nothing to apply: " + schema + " is at version ").append(Versions.show(this.currentVersion))
				.toString();
		}
		text.append(migrate + " would apply ").append(this.steps.size())
			.append(" migration(s) to " + schema + " version ").append(Versions.show(this.currentVersion))
			.append(", in this order:\n");
		if (this.batch != null) {
			text.append("\nMIGRATION_BATCH: ").append(this.batch).append('\n');
		}
		for (Step step : this.steps) {
			show(text, step, this.batch != null);
		}
		return text.toString().stripTrailing();
	}

	private static void show(StringBuilder text, Step step, boolean batched) {
		text.append("\n-- ").append(step.name()).append(" (").append(step.script()).append("), ")
			.append(!step.inTransaction() ? "OUTSIDE a transaction (cannot run in one)"
					: batched ? "in the run's one transaction" : "in its own transaction")
			.append('\n');
		if (step.lint() != null) {
			text.append("-- lint: ").append(step.lint()).append('\n');
		}
		if (step.sql() != null) {
			text.append(step.sql().stripTrailing()).append('\n');
		}
	}

}
