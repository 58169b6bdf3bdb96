package io.schemagate.lint;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One thing a pending migration will do to the running system.
 *
 * @param code what it is, stable (documented in docs/lint/)
 * @param severity how much it matters, by the table's rows in the target
 * @param version the migration's version, or null for a repeatable one
 * @param file the migration's file
 * @param line the statement's line, or 0 for a whole migration ({@code null} in JSON)
 * @param table the table it is about, schema-qualified, or null
 * @param rows the table's rows in the target (an estimate from its statistics), or null
 * when unknown or it is not in the target
 * @param bytes the table's size in the target, or null
 * @param lock the strongest lock held on it, e.g. {@code AccessExclusiveLock}, or null
 * @param blocks what that lock keeps other sessions from: reads, writes
 * @param message what happens, in one line
 * @param fix the safe way to do the same thing
 * @param accepted whether the file accepts it ({@code -- lint:allow <code> <reason>})
 * @param reason why it was accepted, or null
 */
@JsonPropertyOrder({ "code", "severity", "version", "file", "line" })
public record Finding(String code, Severity severity, String version, String file, @JsonIgnore int line, String table,
		Long rows, Long bytes, String lock, List<String> blocks, String message, String fix, boolean accepted,
		String reason) {

	/** The line as {@code --json} has it: null, not 0, for a finding about a whole migration. */
	@JsonProperty("line")
	Integer lineOrNull() {
		return (this.line > 0) ? this.line : null;
	}

	/** The same finding accepted for {@code reason}. */
	Finding accept(String why) {
		return new Finding(this.code, this.severity, this.version, this.file, this.line, this.table, this.rows,
				this.bytes, this.lock, this.blocks, this.message, this.fix, true, why);
	}

}
