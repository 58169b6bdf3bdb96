package io.schemagate.migration;

import org.flywaydb.core.api.MigrationInfo;

/**
 * One migration as reports list it.
 *
 * @param version its version, or null for a repeatable migration
 * @param description what it does
 * @param script its file
 * @param state Flyway's state for it, e.g. {@code PENDING}, {@code SUCCESS}, {@code FUTURE_SUCCESS}
 */
public record MigrationItem(String version, String description, String script, String state) {

	public static MigrationItem of(MigrationInfo migration) {
		return new MigrationItem(Versions.of(migration), migration.getDescription(), migration.getScript(),
				migration.getState().name());
	}

	/** {@code V3 add_index}. */
	public String name() {
		return Versions.name(this.version, this.description);
	}

}
