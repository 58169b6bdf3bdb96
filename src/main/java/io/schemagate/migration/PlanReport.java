package io.schemagate.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.info.MigrationInfoImpl;

/**
 * What {@code migrate} would do, in order, without doing it: each pending migration with
 * its SQL and whether it runs inside a transaction.
 *
 * @param currentVersion the schema version now, or null for an empty schema
 * @param steps the pending migrations, in the order migrate applies them
 */
public record PlanReport(String currentVersion, List<Step> steps) implements Report {

	/**
	 * One migration migrate would apply.
	 *
	 * @param version its version, or null for a repeatable migration
	 * @param description what it does
	 * @param script its file
	 * @param inTransaction whether it runs inside a transaction (false for e.g. CREATE INDEX
	 * CONCURRENTLY)
	 * @param sql its SQL, or null when it is not a SQL file
	 */
	public record Step(String version, String description, String script, boolean inTransaction, String sql) {

	}

	/** Plan; reads the history and the files and changes nothing. */
	public static PlanReport of(Flyway flyway) {
		var info = flyway.info();
		List<Step> steps = Arrays.stream(info.pending()).map((migration) -> step(flyway.getConfiguration(), migration))
			.toList();
		return new PlanReport(Versions.of(info.current()), steps);
	}

	private static Step step(Configuration configuration, MigrationInfo migration) {
		return new Step(Versions.of(migration), migration.getDescription(), migration.getScript(),
				inTransaction(migration), sql(configuration, migration));
	}

	/**
	 * Flyway decides this while parsing the script (a CREATE INDEX CONCURRENTLY cannot run
	 * in a transaction); only its internal type exposes the decision, so fall back to
	 * "in a transaction", Flyway's default, if that ever changes.
	 */
	private static boolean inTransaction(MigrationInfo migration) {
		if (migration instanceof MigrationInfoImpl impl && impl.getResolvedMigration() != null
				&& impl.getResolvedMigration().getExecutor() != null) {
			return impl.getResolvedMigration().getExecutor().canExecuteInTransaction();
		}
		return true;
	}

	private static String sql(Configuration configuration, MigrationInfo migration) {
		String script = migration.getScript();
		if (script == null || !script.endsWith(".sql")) {
			return null;
		}
		for (Location location : configuration.getLocations()) {
			String text = (location.isFileSystem()) ? readFile(Path.of(location.getPath(), script))
					: readClasspath(configuration.getClassLoader(), location.getPath() + "/" + script);
			if (text != null) {
				return text;
			}
		}
		return null;
	}

	private static String readFile(Path file) {
		try {
			return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String readClasspath(ClassLoader classLoader, String path) {
		try (InputStream in = classLoader.getResourceAsStream(path.startsWith("/") ? path.substring(1) : path)) {
			return (in != null) ? new String(in.readAllBytes(), StandardCharsets.UTF_8) : null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public String text() {
		if (this.steps.isEmpty()) {
			return "nothing to apply: schema is at version " + Versions.show(this.currentVersion);
		}
		StringBuilder text = new StringBuilder("migrate would apply ").append(this.steps.size())
			.append(" migration(s) to schema version ").append(Versions.show(this.currentVersion))
			.append(", in this order:\n");
		for (Step step : this.steps) {
			text.append("\n-- ").append((step.version() != null) ? "V" + step.version() : "R").append(' ')
				.append(step.description().replace(' ', '_')).append(" (").append(step.script()).append("), ")
				.append(step.inTransaction() ? "in its own transaction" : "OUTSIDE a transaction (cannot run in one)")
				.append('\n');
			if (step.sql() != null) {
				text.append(step.sql().stripTrailing()).append('\n');
			}
		}
		return text.toString().stripTrailing();
	}

}
