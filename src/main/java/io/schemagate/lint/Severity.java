package io.schemagate.lint;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** How much a finding matters, weakest first; {@code --fail-on} takes a name. */
public enum Severity {

	/** Worth knowing: a table created in this same run, a brief catalog-only lock. */
	INFO,

	/** The table exists in the target but is empty, or its size could not be read: fine today, not always. */
	WARNING,

	/** The table has rows in the target: this takes production down, or breaks the running release. */
	ERROR;

	/** As people and JSON see it: {@code error}. */
	@JsonValue
	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT);
	}

}
