package io.schemagate.migration;

import java.util.Arrays;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.executor.MigrationExecutor;

/**
 * What {@code migrate} would do, in order, without doing it: each pending migration with
 * its SQL and whether it runs inside a transaction.
 *
 * @param currentVersion the schema version now, or null for an empty schema
 * @param steps the pending migrations, in the order migrate applies them
 * @param batch with MIGRATION_BATCH, how the run's one transaction would be applied (in
 * one batch, or by Flyway and why), or why migrate would refuse the run; null without
 */
public record PlanReport(String currentVersion, List<Step> steps, String batch) implements Report {

	/**
	 * One migration migrate would apply.
	 *
	 * @param version its version, or null for a repeatable migration
	 * @param description what it does
	 * @param script its file
	 * @param inTransaction whether it runs inside a transaction (false for e.g. CREATE INDEX
	 * CONCURRENTLY)
	 * @param sql its SQL, or null when it is not a SQL file
	 */
	public record Step(String version, String description, String script, boolean inTransaction, String sql) {

		/** As operators name it: {@code V3 add_index}. */
		String name() {
			return Versions.name(this.version, this.description);
		}

	}

	/**
	 * Plan; reads the history and the files and changes nothing.
	 * @param batch whether migrate would run with MIGRATION_BATCH
	 */
	public static PlanReport of(Flyway flyway, boolean batch) {
		var info = flyway.info();
		Configuration configuration = flyway.getConfiguration();
		MigrationScripts scripts = MigrationScripts.of(configuration);
		List<Step> steps = Arrays.stream(info.pending())
			.map((migration) -> new Step(Versions.of(migration), migration.getDescription(), migration.getScript(),
					inTransaction(migration), (scripts != null) ? scripts.show(migration) : null))
			.toList();
		String how = null;
		Step outside = steps.stream().filter((step) -> !step.inTransaction()).findFirst().orElse(null);
		if (batch && outside != null && steps.stream().anyMatch(Step::inTransaction)) {
			// As migrate refuses it: the run's one transaction cannot hold such a migration.
			how = "refused: " + outside.name() + " must run outside a transaction; migrate would apply nothing"
					+ " (exit 65): apply this release without MIGRATION_BATCH";
		}
		else if (batch && !steps.isEmpty()) {
			String refusal = BatchPlan.of(configuration, info).refusal();
			how = "all in one transaction, " + ((refusal == null) ? "in one batch"
					: "by Flyway, one migration after another, since " + refusal);
		}
		return new PlanReport(Versions.of(info.current()), steps, how);
	}

	/** Flyway's decision ({@link ResolvedMigrations}), or "in a transaction", Flyway's default, without one. */
	private static boolean inTransaction(MigrationInfo migration) {
		MigrationExecutor executor = ResolvedMigrations.executorOf(migration);
		return executor == null || executor.canExecuteInTransaction();
	}

	@Override
	public String text() {
		if (this.steps.isEmpty()) {
			return "nothing to apply: schema is at version " + Versions.show(this.currentVersion);
		}
		StringBuilder text = new StringBuilder("migrate would apply ").append(this.steps.size())
			.append(" migration(s) to schema version ").append(Versions.show(this.currentVersion))
			.append(", in this order:\n");
		if (this.batch != null) {
			text.append("\nMIGRATION_BATCH: ").append(this.batch).append('\n');
		}
		for (Step step : this.steps) {
			text.append("\n-- ").append(step.name()).append(" (").append(step.script()).append("), ")
				.append(!step.inTransaction() ? "OUTSIDE a transaction (cannot run in one)"
						: (this.batch != null) ? "in the run's one transaction" : "in its own transaction")
				.append('\n');
			if (step.sql() != null) {
				text.append(step.sql().stripTrailing()).append('\n');
			}
		}
		return text.toString().stripTrailing();
	}

}
