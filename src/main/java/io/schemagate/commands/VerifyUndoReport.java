package io.schemagate.commands;

import java.util.List;

import io.schemagate.postdeploy.MigrationSet;
import io.schemagate.text.Report;
import io.schemagate.undo.VerifyUndo;

/**
 * Each migration's undo proof: round-trips, differs (with each difference), or no undo file.
 *
 * @param set which set's undo scripts: {@code regular} or {@code post-deploy}
 * @param migrations each migration of this build, in order
 * @param proven how many round-trip
 * @param differing how many differ
 * @param withoutUndo how many have no undo file
 * @param notProven how many could not be proven after a proof that broke the scratch database
 */
record VerifyUndoReport(String set, List<VerifyUndo.Result> migrations, int proven, int differing, int withoutUndo,
		int notProven) implements Report {

	static VerifyUndoReport of(MigrationSet.Kind set, List<VerifyUndo.Result> results) {
		return new VerifyUndoReport(set.label(), results, count(results, VerifyUndo.Outcome.ROUND_TRIPS),
				count(results, VerifyUndo.Outcome.DIFFERS), count(results, VerifyUndo.Outcome.NO_UNDO_FILE),
				count(results, VerifyUndo.Outcome.NOT_PROVEN));
	}

	private static int count(List<VerifyUndo.Result> results, VerifyUndo.Outcome outcome) {
		return (int) results.stream().filter((result) -> result.outcome() == outcome).count();
	}

	@Override
	public String text() {
		StringBuilder text = new StringBuilder();
		for (VerifyUndo.Result result : this.migrations) {
			String name = "V" + result.version() + " " + result.description().replace(' ', '_');
			text.append(switch (result.outcome()) {
				case ROUND_TRIPS -> "round-trips   ";
				case DIFFERS -> "DIFFERS       ";
				case NO_UNDO_FILE -> "no undo file  ";
				case NOT_PROVEN -> "NOT PROVEN    ";
			}).append(name).append((result.undo() != null) ? " (" + result.undo() + ")" : "").append('\n');
			result.differences().forEach((difference) -> text.append("    ").append(difference).append('\n'));
		}
		String of = MigrationSet.Kind.POST_DEPLOY.label().equals(this.set) ? "verify-undo --post (post-deploy): "
				: "verify-undo: ";
		return text.append(of).append(this.proven).append(" round-trip(s), ").append(this.differing)
			.append(" differ, ").append(this.withoutUndo).append(" without an undo file")
			.append((this.notProven > 0) ? ", " + this.notProven + " not proven" : "").toString();
	}

}
