package io.schemagate.commands;

import java.util.List;

import io.schemagate.migration.Versions;
import io.schemagate.text.Report;
import io.schemagate.undo.UndoPlan;
import io.schemagate.undo.UndoSummary;

/**
 * What {@code undo} would run, without running it: each undo script with its SQL, newest
 * first, the data it would drop, or why undo would refuse.
 *
 * @param set which set: {@code regular} or {@code post-deploy}
 * @param fromVersion the schema version now
 * @param toVersion the version after the undo
 * @param inTransaction whether the undos would share one transaction
 * @param undos the scripts, newest first
 * @param refusals why undo would refuse; empty when it would run
 * @param dataLoss what the undos would drop that holds data in the target (undo refuses
 * it without --allow-data-loss)
 * @param dataLossUnknown why the data loss could not be checked, or null
 */
record UndoPlanReport(String set, String fromVersion, String toVersion, boolean inTransaction, List<Undo> undos,
		List<String> refusals, List<String> dataLoss, String dataLossUnknown) implements Report {

	/**
	 * One undo script.
	 *
	 * @param version the version it undoes
	 * @param script its file
	 * @param sql its text
	 */
	record Undo(String version, String script, String sql) {

	}

	static List<Undo> undos(UndoPlan plan) {
		return plan.items()
			.stream()
			.map((item) -> new Undo(item.undo().version(), item.undo().script(), item.undo().sql()))
			.toList();
	}

	@Override
	public String text() {
		if (!this.refusals.isEmpty()) {
			return "undo would refuse (exit 65) and change nothing:\n  " + String.join("\n  ", this.refusals);
		}
		StringBuilder text = new StringBuilder("undo would run ").append(this.undos.size())
			.append(" undo script(s), ").append(UndoSummary.of(this.set)).append(" ")
			.append(Versions.show(this.fromVersion)).append(" -> ")
			.append(Versions.show(this.toVersion)).append(", ")
			.append(this.inTransaction ? "in one transaction (all or nothing)" : "each OUTSIDE a transaction")
			.append(":\n");
		if (this.dataLossUnknown != null) {
			text.append("\ndata loss: could not be checked (").append(this.dataLossUnknown).append(")\n");
		}
		else if (this.dataLoss.isEmpty()) {
			text.append("\ndata loss: none (nothing it drops holds data in the target)\n");
		}
		else {
			text.append("\ndata loss (undo refuses it without --allow-data-loss):\n");
			this.dataLoss.forEach((loss) -> text.append("  ").append(loss).append('\n'));
		}
		for (Undo undo : this.undos) {
			text.append("\n-- ").append(undo.script()).append(" (undoes V").append(undo.version()).append(")\n")
				.append(undo.sql().stripTrailing()).append('\n');
		}
		return text.toString().stripTrailing();
	}

}
