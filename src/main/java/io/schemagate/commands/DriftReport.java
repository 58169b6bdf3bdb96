package io.schemagate.commands;

import java.util.List;

import io.schemagate.text.Report;

/**
 * Whether the target's schema is what its migrations make.
 *
 * @param equal whether it is
 * @param differences each object that differs: what the migrations make, what the target has
 */
record DriftReport(boolean equal, List<String> differences) implements Report {

	static DriftReport of(List<String> differences) {
		return new DriftReport(differences.isEmpty(), differences);
	}

	@Override
	public String text() {
		if (this.equal) {
			return "no drift: the schema is what its applied migrations make";
		}
		return "drift: " + this.differences.size() + " difference(s) from what the applied migrations make\n  "
				+ String.join("\n  ", this.differences);
	}

}
