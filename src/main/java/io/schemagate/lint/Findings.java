package io.schemagate.lint;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.schemagate.catalog.Relations.Relation;
import io.schemagate.catalog.Relations;
import io.schemagate.catalog.TableSizes;
import io.schemagate.migration.Versions;
import io.schemagate.trace.Locks;
import io.schemagate.trace.MigrationTrace;
import io.schemagate.trace.Step;

/**
 * The findings of one migration as the rules add them: each sized from the target (its
 * severity by the table's rows there), placed at its statement, and accepted where the
 * statement says {@code -- lint:allow <code> <reason>}.
 */
final class Findings {

	/**
	 * {@code -- lint:allow <code> <reason>}, or the same in a block comment
	 * ({@code /* lint:allow <code> <reason> *}{@code /}): the reason is what makes it an
	 * acceptance. Groups 1 and 2 (or 3 and 4 for a block comment): the code and the reason.
	 */
	private static final Pattern ALLOW = Pattern.compile("--[ \\t]*lint:allow\\b[ \\t]*([\\w-]*)[ \\t]*([^\\n]*)"
			+ "|/\\*\\s*lint:allow\\b\\s*([\\w-]*)\\s*(.*?)\\s*\\*/", Pattern.DOTALL);

	/** A marker's code and its reason (blank when it gives none). */
	private record Marker(String code, String reason) {

		static List<Marker> in(String text) {
			List<Marker> markers = new ArrayList<>();
			Matcher marker = ALLOW.matcher(text);
			while (marker.find()) {
				markers.add((marker.group(1) != null) ? new Marker(marker.group(1), marker.group(2))
						: new Marker(marker.group(3), marker.group(4)));
			}
			return markers;
		}

	}

	private final MigrationTrace trace;

	private final TableSizes target;

	private final String fileText;

	private final Relations atStart;

	private final List<Finding> found = new ArrayList<>();

	private final Map<Finding, Step> steps = new IdentityHashMap<>();

	private Step step;

	/**
	 * @param fileText the migration's text, where markers are looked for when it was traced
	 * as one step; null when there is none (Java)
	 */
	Findings(MigrationTrace trace, TableSizes target, String fileText) {
		this.trace = trace;
		this.target = target;
		this.fileText = fileText;
		this.atStart = trace.steps().isEmpty() ? new Relations(Map.of(), Map.of(), Map.of())
				: trace.steps().get(0).before();
	}

	/** The statement the next findings are about. */
	void at(Step current) {
		this.step = current;
	}

	/** A finding about {@code table}, as severe as the table's rows in the target make it. */
	void add(Code code, Relation table, Locks.Mode lock, String message) {
		add(code, null, table, lock, message);
	}

	/** A finding of a fixed severity ({@code severity}), or sized from the table when null. */
	void add(Code code, Severity severity, Relation table, Locks.Mode lock, String message) {
		add(code, severity, table, lock, message, code.fix());
	}

	/** As {@link #add(Code, Severity, Relation, Locks.Mode, String)}, with a fix of its own. */
	void add(Code code, Severity severity, Relation table, Locks.Mode lock, String message, String fix) {
		if (table != null && !this.atStart.relations().containsKey(table.oid())) {
			// Made by this migration itself: nobody else can be using it yet.
			return;
		}
		TableSizes.Size size = (table != null) ? this.target.of(table.schema(), table.name()) : TableSizes.Size.ABSENT;
		Severity level = (severity != null) ? severity : severityOf(size);
		String where = (table == null) ? "" : (!size.exists()) ? " (a table this run creates)"
				: (size.rows() != null) ? " (" + size.rows() + " rows in the target)"
						: Boolean.TRUE.equals(size.hasRows())
								? " (the target's table has rows: how many is unknown, it was never analyzed)"
								: " (its rows in the target are unknown: it was never analyzed and could not be read in"
										+ " time)";
		Finding finding = new Finding(code.code(), level, Versions.of(this.trace.migration()),
				this.trace.migration().getScript(), this.step.line(), (table != null) ? table.qualifiedName() : null,
				size.exists() ? size.rows() : null, size.exists() ? size.bytes() : null,
				(lock != null) ? lock.pgName() : null, (lock != null) ? lock.blocks() : List.of(), message + where,
				fix, false, null);
		this.found.add(finding);
		this.steps.put(finding, this.step);
	}

	/** Error where the table has rows in the target, warning where it is empty or unknown, info where it lacks it. */
	static Severity severityOf(TableSizes.Size size) {
		if (!size.exists()) {
			return Severity.INFO;
		}
		return Boolean.TRUE.equals(size.hasRows()) ? Severity.ERROR : Severity.WARNING;
	}

	/** A finding about the whole file, at no line. */
	void addForFile(Code code, Severity severity, String message) {
		this.found.add(new Finding(code.code(), severity, Versions.of(this.trace.migration()),
				this.trace.migration().getScript(), 0, null, null, null, null, List.of(), message, code.fix(), false, null));
	}

	/** Whether constraint {@code oid} did not exist before this migration began. */
	boolean isNewInMigration(long oid) {
		return !this.atStart.constraints().containsKey(oid);
	}

	/** Whether a finding is already about {@code table} at {@code step}. */
	boolean hasFindingOn(Step at, Relation table) {
		return this.found.stream()
			.anyMatch((finding) -> this.steps.get(finding) == at && table.qualifiedName().equals(finding.table()));
	}

	/**
	 * The findings, those the file accepts marked as accepted; a marker without a reason,
	 * or naming no code, is a finding of its own.
	 */
	List<Finding> result() {
		List<Finding> result = new ArrayList<>();
		for (Finding finding : this.found) {
			Step at = this.steps.get(finding);
			// A finding about the whole file (at no step) is accepted by a marker anywhere in it.
			result.add(accept(finding, (at != null && at.sql() != null) ? at.sql() : this.fileText));
		}
		for (Step at : this.trace.steps()) {
			String text = (at.sql() != null) ? at.sql() : this.fileText;
			badMarkers(at, text, result);
		}
		// By line; those about the whole file (line 0) last.
		result.sort(java.util.Comparator.comparingInt((Finding finding) -> (finding.line() > 0) ? finding.line() : Integer.MAX_VALUE));
		return result;
	}

	private static Finding accept(Finding finding, String text) {
		if (text == null) {
			return finding;
		}
		for (Marker marker : Marker.in(text)) {
			if (marker.code().equals(finding.code()) && !marker.reason().isBlank()) {
				// One line, as every reason is printed: a block comment's may span several.
				return finding.accept(marker.reason().strip().replaceAll("\\s+", " "));
			}
		}
		return finding;
	}

	private void badMarkers(Step at, String text, List<Finding> result) {
		if (text == null) {
			return;
		}
		for (Marker marker : Marker.in(text)) {
			String problem = marker.code().isEmpty() ? "names no finding code"
					: (Code.of(marker.code()) == null) ? "names " + marker.code() + ", which is no finding code"
					: marker.reason().isBlank() ? "accepts " + marker.code() + " without saying why" : null;
			if (problem != null) {
				this.step = at;
				result.add(new Finding(Code.ALLOW_WITHOUT_REASON.code(), Severity.ERROR, Versions.of(this.trace.migration()),
						this.trace.migration().getScript(), at.line(), null, null, null, null, List.of(),
						"a lint:allow marker " + problem + ", so it accepts nothing", Code.ALLOW_WITHOUT_REASON.fix(),
						false, null));
			}
		}
	}

}
