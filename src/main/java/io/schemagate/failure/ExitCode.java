package io.schemagate.failure;

/**
 * The process exit codes the launcher documents, taken from BSD's {@code sysexits.h} so
 * that scripts and orchestrators can tell the kinds of failure apart.
 */
public enum ExitCode {

	/** The command did what it was asked. */
	OK(0),

	/** {@code status --check} found pending migrations. */
	PENDING(1),

	/** Unknown command or option (EX_USAGE). */
	USAGE(64),

	/** A migration failed or validation found a mismatch (EX_DATAERR). */
	MIGRATION_FAILED(65),

	/** The database could not be reached before the deadline (EX_UNAVAILABLE). */
	UNREACHABLE(69),

	/** An unexpected internal error (EX_SOFTWARE). */
	INTERNAL(70),

	/** Another migrator held the migration lock past the wait limit (EX_TEMPFAIL). */
	LOCKED(75),

	/** The database refused the credentials (EX_NOPERM). */
	AUTHENTICATION(77),

	/** A setting is missing or invalid (EX_CONFIG). */
	CONFIGURATION(78);

	private final int code;

	ExitCode(int code) {
		this.code = code;
	}

	/** The numeric status the process exits with. */
	public int code() {
		return this.code;
	}

}
