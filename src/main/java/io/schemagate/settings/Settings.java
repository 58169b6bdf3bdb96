package io.schemagate.settings;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.schemagate.database.DatabaseTarget;
import io.schemagate.database.DatabaseUrl;
import io.schemagate.text.Shown;

/**
 * Every setting the launcher reads from the environment, parsed and validated once.
 * Nothing below the launcher reads the environment itself.
 *
 * @param runMigrations whether {@code serve} applies pending migrations before it opens
 * its port
 * @param database where the application connects, and as whom (its runtime role)
 * @param migrationDatabase where and as whom schema changes run (the owner role):
 * MIGRATION_DATABASE_URL, or the database when it is not set
 * @param dbWaitTimeout how long to wait for the database to accept a connection; zero
 * means one attempt
 * @param migrationLockWait how long a migrator waits for another to release the
 * migration lock
 * @param migrationLockTimeout PostgreSQL's lock_timeout in migration sessions: how long
 * a migration's statement may queue for a table lock before it fails
 * @param migrationStatementTimeout PostgreSQL's statement_timeout in migration
 * sessions; zero for none
 * @param migrationLockRetries how many times a migration rolled back by a lock timeout
 * or a deadlock is tried again, after growing waits, before the run gives up (exit 75)
 * @param migrationBatch whether a run applies every pending migration in one
 * transaction, as one batch where the migrations allow it
 * @param schemaCheck what {@code serve} does when migrations this build needs are pending
 * @param schemaCheckInterval how often {@code serve} reads the schema's state
 * @param logFormat how logs are written
 * @param shadowDatabase a scratch database lint may empty and rebuild
 * (SHADOW_DATABASE_URL), or null to have lint make one of its own on the target's server
 * @param migrationLint whether migrate lints the pending migrations first, and what a
 * finding does
 * @param undoRequired whether lint warns (rather than notes) of a migration without an
 * undo script
 * @param schemaDriftIgnore name patterns of objects {@code validate --schema} leaves out
 * ({@code *} any run of characters), e.g. {@code public.tmp_*}
 * @param postMigrationLocations the Flyway locations of the post-deploy migrations, which
 * {@code migrate --post} applies after a rollout (POST_MIGRATION_LOCATIONS)
 * <p>
 * Over 200 lines because it is the one place every variable is parsed and checked
 * against its neighbours (which target a shadow may not be, which ports may not clash):
 * split, a default or a rule would have two homes again.
 */
public record Settings(boolean runMigrations, DatabaseTarget database, DatabaseTarget migrationDatabase,
		Duration dbWaitTimeout, Duration migrationLockWait, Duration migrationLockTimeout,
		Duration migrationStatementTimeout, int migrationLockRetries, boolean migrationBatch, SchemaCheck schemaCheck,
		Duration schemaCheckInterval, LogFormat logFormat, DatabaseTarget shadowDatabase, MigrationLint migrationLint,
		boolean undoRequired, java.util.List<String> schemaDriftIgnore, java.util.List<String> postMigrationLocations) {

	/** What {@code serve} does while migrations this build needs are pending. */
	public enum SchemaCheck {

		/** Not ready until they are applied; ready by itself once they are. */
		WAIT,

		/** Exit 65 at start. */
		FAIL,

		/** Do not check. */
		OFF

	}

	/** What {@code migrate} does with lint's findings (MIGRATION_LINT). */
	public enum MigrationLint {

		/** Does not lint. */
		OFF,

		/** Lints, logs the findings and migrates. */
		WARN,

		/** Lints, and refuses (exit 65, nothing applied) while an error is not accepted in its file. */
		ENFORCE

	}

	/** How logs are written: plain text for people, or Spring Boot's structured JSON. */
	public enum LogFormat {

		TEXT(null), JSON("ecs"), ECS("ecs"), LOGSTASH("logstash");

		private final String structuredFormat;

		LogFormat(String structuredFormat) {
			this.structuredFormat = structuredFormat;
		}

		/** Spring Boot's {@code logging.structured.format.console} value, or null for text. */
		public String structuredFormat() {
			return this.structuredFormat;
		}

	}

	static final Duration DEFAULT_SCHEMA_CHECK_INTERVAL = Duration.ofSeconds(5);

	static final Duration MIN_SCHEMA_CHECK_INTERVAL = Duration.ofMillis(100);

	/** PostgreSQL's NAMEDATALEN - 1: a longer role name can never log in as given. */
	static final int MAX_ROLE_NAME_BYTES = 63;

	static final Duration DEFAULT_DB_WAIT_TIMEOUT = Duration.ofSeconds(60);

	static final Duration DEFAULT_MIGRATION_LOCK_WAIT = Duration.ofMinutes(5);

	static final Duration DEFAULT_MIGRATION_LOCK_TIMEOUT = Duration.ofSeconds(10);

	/** As GitLab's with_lock_retries and strong_migrations' lock_timeout_retries. */
	static final int DEFAULT_MIGRATION_LOCK_RETRIES = 3;

	/** More would hold a deploy for minutes behind one busy table. */
	static final int MAX_MIGRATION_LOCK_RETRIES = 10;

	/**
	 * Read the settings from environment variables.
	 * @param environment the variables, usually {@link System#getenv()}
	 * @return the settings
	 * @throws ConfigurationException naming the first variable that is missing or invalid
	 */
	public static Settings from(Map<String, String> environment) {
		Variables variables = new Variables(environment);
		boolean runMigrations = parseRunMigrations(variables.get("RUN_MIGRATIONS"));
		boolean migrationBatch = variables.bool("MIGRATION_BATCH");
		DatabaseTarget migrationDatabase = parseDatabase(variables, "MIGRATION_DATABASE", false);
		// A migration job may be given the owner role only: it then serves as both.
		DatabaseTarget database = parseDatabase(variables, "DATABASE", migrationDatabase == null);
		database = (database != null) ? database : migrationDatabase;
		Duration dbWaitTimeout = variables.duration("DB_WAIT_TIMEOUT", DEFAULT_DB_WAIT_TIMEOUT);
		Duration migrationLockWait = variables.duration("MIGRATION_LOCK_WAIT", DEFAULT_MIGRATION_LOCK_WAIT);
		SchemaCheck schemaCheck = variables.choice("SCHEMA_CHECK", SchemaCheck.class, SchemaCheck.WAIT);
		Duration schemaCheckInterval = variables.duration("SCHEMA_CHECK_INTERVAL", DEFAULT_SCHEMA_CHECK_INTERVAL);
		if (schemaCheckInterval.compareTo(MIN_SCHEMA_CHECK_INTERVAL) < 0) {
			throw new ConfigurationException("SCHEMA_CHECK_INTERVAL: " + Shown.value(variables.get("SCHEMA_CHECK_INTERVAL"))
					+ " is too short; use " + MIN_SCHEMA_CHECK_INTERVAL.toMillis() + "ms or more (default "
					+ DEFAULT_SCHEMA_CHECK_INTERVAL.toSeconds() + "s)");
		}
		LogFormat logFormat = variables.choice("LOG_FORMAT", LogFormat.class, LogFormat.TEXT);
		variables.port("SERVER_PORT");
		variables.port("MANAGEMENT_SERVER_PORT");
		DatabaseTarget shadowDatabase = parseDatabase(variables, "SHADOW_DATABASE", false);
		checkShadow(shadowDatabase, database, migrationDatabase);
		MigrationLint migrationLint = variables.choice("MIGRATION_LINT", MigrationLint.class, MigrationLint.OFF);
		return new Settings(runMigrations, database,
				(migrationDatabase != null) ? migrationDatabase : database, dbWaitTimeout, migrationLockWait,
				variables.duration("MIGRATION_LOCK_TIMEOUT", DEFAULT_MIGRATION_LOCK_TIMEOUT),
				variables.duration("MIGRATION_STATEMENT_TIMEOUT", Duration.ZERO),
				variables.count("MIGRATION_LOCK_RETRIES", DEFAULT_MIGRATION_LOCK_RETRIES, MAX_MIGRATION_LOCK_RETRIES),
				migrationBatch, schemaCheck,
				schemaCheckInterval, logFormat, shadowDatabase, migrationLint, variables.bool("UNDO_REQUIRED"),
				patterns(variables.get("SCHEMA_DRIFT_IGNORE")), locations(variables.get("POST_MIGRATION_LOCATIONS")));
	}

	static final String DEFAULT_POST_MIGRATION_LOCATION = "classpath:db/post-migration";

	/** Flyway locations, comma-separated: {@code classpath:} or {@code filesystem:} and a path. */
	private static java.util.List<String> locations(String value) {
		if (value == null || value.isBlank()) {
			return java.util.List.of(DEFAULT_POST_MIGRATION_LOCATION);
		}
		java.util.List<String> locations = new java.util.ArrayList<>();
		for (String location : value.split(",")) {
			String trimmed = location.strip();
			if (!trimmed.matches("(classpath|filesystem):[^\\s,*?]{1,500}")) {
				throw new ConfigurationException("POST_MIGRATION_LOCATIONS: " + Shown.value(trimmed) + " is not allowed;"
						+ " use comma-separated Flyway locations such as classpath:db/post-migration or"
						+ " filesystem:/app/post-migration");
			}
			locations.add(trimmed);
		}
		return java.util.List.copyOf(locations);
	}

	/** A comma-separated list of name patterns: letters, digits, {@code _ . * ?} and {@code $}. */
	private static java.util.List<String> patterns(String value) {
		if (value == null) {
			return java.util.List.of();
		}
		java.util.List<String> patterns = new java.util.ArrayList<>();
		for (String pattern : value.split(",")) {
			String trimmed = pattern.strip();
			if (!trimmed.matches("[A-Za-z0-9_.*?$]{1,200}")) {
				throw new ConfigurationException("SCHEMA_DRIFT_IGNORE: " + Shown.value(trimmed) + " is not allowed; use"
						+ " comma-separated name patterns such as public.tmp_* (letters, digits, _ . * ?)");
			}
			patterns.add(trimmed);
		}
		return java.util.List.copyOf(patterns);
	}

	/** Lint empties its shadow: never one of the databases it judges. */
	private static void checkShadow(DatabaseTarget shadow, DatabaseTarget database, DatabaseTarget migrationDatabase) {
		if (shadow == null) {
			return;
		}
		for (DatabaseTarget target : new DatabaseTarget[] { database, migrationDatabase }) {
			if (target != null && shadow.isSameDatabaseAs(target)) {
				throw new ConfigurationException("SHADOW_DATABASE_URL names the same database as " + target.setting()
						+ "_URL (" + shadow.describe() + "); lint empties its shadow, so give it a scratch database of"
						+ " its own, or unset it to have lint make one");
			}
		}
	}

	/**
	 * Only LOG_FORMAT, for the line that reports a failure: text when it is unset or not
	 * valid, since that may be the failure.
	 */
	public static LogFormat logFormatOrText(Map<String, String> environment) {
		try {
			return new Variables(environment).choice("LOG_FORMAT", LogFormat.class, LogFormat.TEXT);
		}
		catch (ConfigurationException ex) {
			return LogFormat.TEXT;
		}
	}

	/** Only RUN_MIGRATIONS, for the checks that must come before anything else. */
	public static boolean parseRunMigrations(String value) {
		return Variables.bool("RUN_MIGRATIONS", value);
	}

	/**
	 * A database from {@code PREFIX_URL} (or its file), with {@code PREFIX_USER} and
	 * {@code PREFIX_PASSWORD} (or its file) overriding the URL's credentials; null when
	 * the URL is not set and not required.
	 */
	private static DatabaseTarget parseDatabase(Variables variables, String prefix, boolean required) {
		String urlVariable = prefix + "_URL";
		String url = variables.secret(urlVariable);
		if (url == null || url.isBlank()) {
			if (!required) {
				return null;
			}
			throw new ConfigurationException(urlVariable + " is not set; set it to postgresql://user:password@host:5432/dbname"
					+ " (or " + urlVariable + "_FILE to a file holding it)");
		}
		DatabaseTarget target;
		try {
			target = DatabaseUrl.parse(url.strip()).givenBy(prefix);
		}
		catch (IllegalArgumentException ex) {
			throw new ConfigurationException(urlVariable + " " + ex.getMessage());
		}
		target = target.withCredentials(variables.get(prefix + "_USER"), variables.secret(prefix + "_PASSWORD"));
		if (target.user() == null) {
			throw new ConfigurationException(urlVariable + " names no user; write postgresql://user:password@host/db or set "
					+ prefix + "_USER");
		}
		if (target.user().getBytes(StandardCharsets.UTF_8).length > MAX_ROLE_NAME_BYTES) {
			String userVariable = (variables.get(prefix + "_USER") != null) ? prefix + "_USER" : urlVariable;
			throw new ConfigurationException(userVariable + ": the user " + Shown.value(target.user())
					+ " is too long; PostgreSQL role names have at most " + MAX_ROLE_NAME_BYTES + " bytes");
		}
		return target;
	}

}
