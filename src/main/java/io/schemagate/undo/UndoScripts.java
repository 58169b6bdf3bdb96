package io.schemagate.undo;

import java.util.LinkedHashMap;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreMigrationType;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;

import io.schemagate.migration.FlywayInternals;
import io.schemagate.migration.MigrationScripts;
import io.schemagate.migration.Versions;

/**
 * The undo scripts of this build: {@code U<version>__<description>.sql} beside the
 * migrations, Flyway's own naming, so a team that moves to or from Flyway's paid edition
 * keeps its files. Flyway's community edition passes over them in silence; here they are
 * read by Flyway itself, as versioned migrations of a second, probing Flyway whose prefix
 * is {@code U} and whose history table does not exist: so each file is found, decoded,
 * checksummed and judged for a transaction (a DROP INDEX CONCURRENTLY cannot run in one)
 * exactly as Flyway reads a migration. The probe only reads.
 */
public final class UndoScripts {

	/** Flyway's prefix for undo scripts (its paid edition's default). */
	public static final String PREFIX = "U";

	/** A history table no database has: the probe sees every undo script as pending, and writes nothing. */
	private static final String NO_HISTORY = "schemagate_undo_probe";

	/**
	 * One undo script.
	 *
	 * @param version the version it undoes
	 * @param description what it says it undoes
	 * @param script its file
	 * @param sql its text
	 * @param inTransaction whether Flyway would run it in a transaction
	 */
	public record Undo(String version, String description, String script, String sql, boolean inTransaction) {

		/** {@code U3 index_expenses_by_date}. */
		public String name() {
			return PREFIX + Versions.name(this.version, this.description).substring(1);
		}

	}

	private UndoScripts() {
	}

	/** This build's undo scripts by the version they undo, as {@link Versions#of} writes it. */
	public static Map<String, Undo> of(Flyway flyway) {
		Flyway probe = Flyway.configure(flyway.getConfiguration().getClassLoader())
			.configuration(flyway.getConfiguration())
			.sqlMigrationPrefix(PREFIX)
			.table(NO_HISTORY)
			.target("latest")
			.callbacks(new Callback[0])
			.load();
		MigrationScripts scripts = MigrationScripts.of(flyway.getConfiguration());
		Map<String, Undo> undos = new LinkedHashMap<>();
		for (MigrationInfo undo : probe.info().all()) {
			if (undo.getVersion() == null || undo.getType() != CoreMigrationType.SQL
					|| !undo.getScript().substring(undo.getScript().lastIndexOf('/') + 1).startsWith(PREFIX)) {
				continue;
			}
			String sql = (scripts != null) ? scripts.read(undo) : null;
			undos.put(Versions.of(undo), new Undo(Versions.of(undo), undo.getDescription(), undo.getScript(), sql,
					FlywayInternals.inTransaction(undo)));
		}
		return undos;
	}

}
