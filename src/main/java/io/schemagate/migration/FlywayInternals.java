package io.schemagate.migration;

import java.io.Reader;
import java.io.StringReader;

import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.executor.MigrationExecutor;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.info.MigrationInfoImpl;
import org.flywaydb.core.internal.parser.PlaceholderReplacingReader;
import org.flywaydb.core.internal.resolver.ChecksumCalculator;
import org.flywaydb.core.internal.util.AbbreviationUtils;

/**
 * Every use of Flyway's internal classes, and the one value copied from its code, in one
 * place. The batch writes Flyway's history and plan and the recovery of interrupted
 * indexes read Flyway's decisions, which its public API does not expose. Each depends on
 * one behaviour of Flyway {@value #CHECKED_AGAINST}; FlywayInternalsTests fails loudly on
 * any other version, naming this class to check again:
 * <ul>
 * <li>{@code MigrationInfoImpl.getResolvedMigration().getExecutor()}: whether Flyway runs
 * a migration in a transaction (it parses the file: a CREATE INDEX CONCURRENTLY cannot),
 * and whether it runs at all (a .conf's condition);</li>
 * <li>{@code ChecksumCalculator.calculate}: the checksum Flyway records and validates (a
 * CRC32 over the lines, blind to where lines break);</li>
 * <li>{@code AbbreviationUtils}: how Flyway shortens a description and a script name to
 * fit the history's columns;</li>
 * <li>{@code PlaceholderReplacingReader}: how Flyway replaces placeholders in a SQL file's
 * text (prefix, suffix, names case-insensitive, an unknown one an error);</li>
 * <li>{@code PostgreSQLAdvisoryLockTemplate}'s lock key: "Flyway" in ASCII plus the hash
 * of the history table's quoted name (copied: it is a private constant).</li>
 * </ul>
 */
public final class FlywayInternals {

	/** The Flyway version whose internals this class was checked against (pom.xml pins it). */
	public static final String CHECKED_AGAINST = "12.4.0";

	/** Flyway's advisory-lock base for PostgreSQL: "Flyway" in ASCII. */
	private static final long FLYWAY_LOCK_BASE = (0x46L << 40) + (0x6CL << 32) + (0x79L << 24) + (0x77 << 16)
			+ (0x61 << 8) + 0x79;

	private FlywayInternals() {
	}

	/** Flyway's executor of {@code migration}, or null should Flyway not expose it. */
	public static MigrationExecutor executorOf(MigrationInfo migration) {
		if (migration instanceof MigrationInfoImpl impl && impl.getResolvedMigration() != null) {
			return impl.getResolvedMigration().getExecutor();
		}
		return null;
	}

	/** Whether Flyway runs {@code migration} in a transaction: its decision, else its default, yes. */
	public static boolean inTransaction(MigrationInfo migration) {
		MigrationExecutor executor = executorOf(migration);
		return executor == null || executor.canExecuteInTransaction();
	}

	/** Flyway's own checksum of a script's text, the one it records and validates. */
	public static int checksum(String text) {
		return ChecksumCalculator.calculate(new LoadableResource() {

			@Override
			public Reader read() {
				return new StringReader(text);
			}

			@Override
			public String getAbsolutePath() {
				return "";
			}

			@Override
			public String getAbsolutePathOnDisk() {
				return "";
			}

			@Override
			public String getFilename() {
				return "";
			}

			@Override
			public String getRelativePath() {
				return "";
			}

		});
	}

	/** A description as Flyway shortens it for the history. */
	public static String historyDescription(String description) {
		return AbbreviationUtils.abbreviateDescription(description);
	}

	/** A script name as Flyway shortens it for the history. */
	public static String historyScript(String script) {
		return AbbreviationUtils.abbreviateScript(script);
	}

	/** The key of Flyway's own PostgreSQL advisory lock for a history table, by its quoted, qualified name. */
	public static long flywayLockKey(String quotedTable) {
		return FLYWAY_LOCK_BASE + quotedTable.hashCode();
	}

	/**
	 * {@code text} with its placeholders replaced as Flyway replaces them in a SQL migration:
	 * the configured ones and {@code builtIns} (Flyway's {@code flyway:...} ones, named without
	 * that prefix); unchanged when replacement is off.
	 * @throws org.flywaydb.core.api.FlywayException for a placeholder without a value, as Flyway
	 */
	public static String replacePlaceholders(org.flywaydb.core.api.configuration.Configuration configuration,
			java.util.Map<String, String> builtIns, String text) {
		if (!configuration.isPlaceholderReplacement()) {
			return text;
		}
		java.util.Map<String, String> values = new java.util.HashMap<>(configuration.getPlaceholders());
		builtIns.forEach((name, value) -> {
			if (value != null) {
				values.put("flyway" + configuration.getPlaceholderSeparator() + name, value);
			}
		});
		try (Reader reader = new PlaceholderReplacingReader(configuration.getPlaceholderPrefix(),
				configuration.getPlaceholderSuffix(), configuration.getPlaceholderSeparator(), values,
				new StringReader(text))) {
			StringBuilder replaced = new StringBuilder(text.length());
			char[] buffer = new char[8192];
			for (int read = reader.read(buffer, 0, buffer.length); read >= 0; read = reader.read(buffer, 0,
					buffer.length)) {
				replaced.append(buffer, 0, read);
			}
			return replaced.toString();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
