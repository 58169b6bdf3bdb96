package io.schemagate.launcher;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import io.schemagate.database.DatabaseTarget;
import io.schemagate.database.DatabaseUrl;

/**
 * Every setting the launcher reads from the environment, parsed and validated once.
 * Nothing below the launcher reads the environment itself.
 *
 * @param runMigrations whether {@code serve} applies pending migrations before it opens
 * its port
 * @param database where the application connects, and as whom
 * @param dbWaitTimeout how long to wait for the database to accept a connection; zero
 * means one attempt
 * @param migrationLockWait how long a migrator waits for another to release the
 * migration lock
 */
public record Settings(boolean runMigrations, DatabaseTarget database, Duration dbWaitTimeout,
		Duration migrationLockWait) {

	static final Duration DEFAULT_DB_WAIT_TIMEOUT = Duration.ofSeconds(60);

	static final Duration DEFAULT_MIGRATION_LOCK_WAIT = Duration.ofMinutes(5);

	/**
	 * Read the settings from environment variables.
	 * @param environment the variables, usually {@link System#getenv()}
	 * @return the settings
	 * @throws ConfigurationException naming the first variable that is missing or invalid
	 */
	public static Settings from(Map<String, String> environment) {
		Variables variables = new Variables(environment);
		boolean runMigrations = parseRunMigrations(variables.get("RUN_MIGRATIONS"));
		DatabaseTarget database = parseDatabase(variables);
		Duration dbWaitTimeout = duration(variables, "DB_WAIT_TIMEOUT", DEFAULT_DB_WAIT_TIMEOUT);
		Duration migrationLockWait = duration(variables, "MIGRATION_LOCK_WAIT", DEFAULT_MIGRATION_LOCK_WAIT);
		return new Settings(runMigrations, database, dbWaitTimeout, migrationLockWait);
	}

	/** Only RUN_MIGRATIONS, for the checks that must come before anything else. */
	static boolean parseRunMigrations(String value) {
		if (value == null) {
			return false;
		}
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "true" -> true;
			case "false" -> false;
			default -> throw new ConfigurationException(
					"RUN_MIGRATIONS: " + Variables.show(value) + " is not allowed; use true or false");
		};
	}

	private static DatabaseTarget parseDatabase(Variables variables) {
		String url = variables.secret("DATABASE_URL");
		if (url == null || url.isBlank()) {
			throw new ConfigurationException("DATABASE_URL is not set; set it to postgresql://user:password@host:5432/dbname"
					+ " (or DATABASE_URL_FILE to a file holding it)");
		}
		DatabaseTarget target;
		try {
			target = DatabaseUrl.parse(url.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new ConfigurationException("DATABASE_URL " + ex.getMessage());
		}
		target = target.withCredentials(variables.get("DATABASE_USER"), variables.secret("DATABASE_PASSWORD"));
		if (target.user() == null) {
			throw new ConfigurationException(
					"DATABASE_URL names no user; write postgresql://user:password@host/db or set DATABASE_USER");
		}
		return target;
	}

	private static Duration duration(Variables variables, String name, Duration defaultValue) {
		String value = variables.get(name);
		return (value != null) ? Durations.parse(name, value) : defaultValue;
	}

}
