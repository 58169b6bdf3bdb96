package io.schemagate.text;

/**
 * The result of a command, printed for people by default and as JSON with
 * {@code --json}. Record components become the JSON fields.
 */
public interface Report {

	/** The report for people: plain, short, one fact per line. */
	String text();

}
