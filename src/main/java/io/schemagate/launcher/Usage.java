package io.schemagate.launcher;

import java.util.Collection;

/** The usage listing: every command, every setting and every exit code. */
final class Usage {

	private static final String SETTINGS = """
			Settings (environment variables):
			  RUN_MIGRATIONS          true or false (any case; unset or empty: false). serve applies
			                          pending migrations before opening its port when true.
			  DATABASE_URL            postgresql://user:password@host:5432/db?sslmode=require
			                          (postgres:// and jdbc:postgresql://... also accepted)
			  DATABASE_URL_FILE       read DATABASE_URL from this file (Docker/Kubernetes secret)
			  DATABASE_USER           set or override the user of DATABASE_URL
			  DATABASE_PASSWORD       set or override the password of DATABASE_URL
			  DATABASE_PASSWORD_FILE  read DATABASE_PASSWORD from this file
			  MIGRATION_DATABASE_URL  the owner role's URL for migrate, repair, baseline and
			                          RUN_MIGRATIONS=true (default: DATABASE_URL); also _FILE,
			                          MIGRATION_DATABASE_USER, MIGRATION_DATABASE_PASSWORD(_FILE)
			  DB_WAIT_TIMEOUT         how long to wait for the database: 90, 90s, 2m (default 60s;
			                          0: one attempt)
			  MIGRATION_LOCK_WAIT     how long a migrator waits for another one's lock (default 5m)
			  MIGRATION_LOCK_TIMEOUT  lock_timeout of migrations in a transaction (default 10s; 0: none)
			  MIGRATION_STATEMENT_TIMEOUT  statement_timeout of migrations (default: none)
			  MIGRATION_LOCK_RETRIES  tries again after a lock timeout or deadlock (default 3)
			  MIGRATION_BATCH         true: all pending migrations in one transaction, sent as one
			                          batch where they allow it (default false: one each)
			  MIGRATION_LINT          off (default), warn or enforce: migrate lints first; enforce
			                          refuses (65, nothing applied) while an error is not accepted
			  UNDO_REQUIRED           true: lint warns of a migration without an undo script (default
			                          false: a note)
			  POST_MIGRATION_LOCATIONS  post-deploy migrations, which migrate --post applies after
			                          the rollout (default classpath:db/post-migration)
			  SCHEMA_DRIFT_IGNORE     objects validate --schema leaves out, by name: public.tmp_*,...
			  SHADOW_DATABASE_URL     a scratch database lint may empty and rebuild (default: lint
			                          makes one on the target's server; needs CREATEDB); also
			                          _FILE, SHADOW_DATABASE_USER, SHADOW_DATABASE_PASSWORD(_FILE)
			  SCHEMA_CHECK            serve while migrations are pending: wait (not ready until
			                          applied; default), fail (exit 65 at start) or off
			  SCHEMA_CHECK_INTERVAL   how often serve reads the schema's state (default 5s)
			  LOG_FORMAT              text (default), json (= ecs) or logstash
			  SERVER_PORT             HTTP port of serve's API (default 8080)
			  MANAGEMENT_SERVER_PORT  HTTP port of health, info and metrics, which healthcheck
			                          asks (default 8081)
			  JAVA_OPTS               extra JVM flags, after the launcher's own (they win)
			  APP_JAR                 the jar to run (default: /app/app.jar, else target/*.jar)
			  SPRING_*                Spring Boot's own settings, e.g. SPRING_FLYWAY_LOCATIONS=
			                          classpath:db/migration,filesystem:/extra

			Every command but serve runs without the web server; with --json it prints one
			JSON document on stdout (logs always go to stderr). Flyway's clean is never offered.

			Exit codes:
			  0 ok  1 not up to date (status --check)  64 usage  65 migration failed (schema left at the last good version)
			  or migrations unreadable  69 database unreachable or lost  70 internal error
			  75 temporary: lock wait, lock timeout or deadlock after retries; run again later
			  77 authentication refused  78 configuration invalid  143 stopped by SIGTERM
			""";

	private Usage() {
	}

	private static void line(StringBuilder text, String name, String summary) {
		text.append(String.format("  %-12s  %s%n", name, summary));
	}

	static String text(Collection<Command> commands) {
		StringBuilder text = new StringBuilder("Usage: entrypoint [COMMAND] [OPTIONS]\n\nCommands:\n");
		for (Command command : commands) {
			line(text, command.name(), command.summary());
		}
		// These two are answered by the entrypoint script itself, without starting a JVM.
		line(text, "healthcheck", "[PATH] exit 0 if http://127.0.0.1:MANAGEMENT_SERVER_PORT/PATH answers 200 "
				+ "(default /actuator/health/readiness), else 1; no JVM, milliseconds");
		line(text, "cds-archive", "write the jar's start-up archive: the AOT cache on JDK 25+, else the "
				+ "class-data sharing archive (the image's build does); later starts use it");
		return text.append('\n').append(SETTINGS).toString();
	}

}
