package io.schemagate.migration;

import java.util.Arrays;
import java.util.Comparator;

import org.flywaydb.core.api.CoreMigrationType;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

/** How migrations and versions are named in reports. */
public final class Versions {

	private Versions() {
	}

	/** A schema version for people: {@code empty} when there is none. */
	public static String show(String version) {
		return (version == null || version.isEmpty()) ? "empty" : version;
	}

	/** The version of a migration as text, or null for a repeatable one. */
	public static String of(MigrationInfo migration) {
		return (migration != null && migration.getVersion() != null) ? migration.getVersion().getVersion() : null;
	}

	/**
	 * The newest version among a set's files ({@code info().all()}); null when it has none.
	 * A baseline row is no file (Flyway counts it resolved).
	 */
	public static MigrationVersion newest(MigrationInfo[] all) {
		return Arrays.stream(all)
			.filter((migration) -> isFile(migration) && migration.getVersion() != null)
			.map(MigrationInfo::getVersion)
			.max(Comparator.naturalOrder())
			.orElse(null);
	}

	/** Whether {@code migration} is one of the build's files: resolved, and not a baseline row. */
	public static boolean isFile(MigrationInfo migration) {
		return migration.getState().isResolved() && migration.getType() != CoreMigrationType.BASELINE;
	}

	/** A migration as operators name it: {@code V3 add_index}, {@code R refresh_view}. */
	public static String name(MigrationInfo migration) {
		return name(of(migration), migration.getDescription());
	}

	/** The same from a version (null for a repeatable migration) and a description. */
	public static String name(String version, String description) {
		return ((version != null) ? "V" + version : "R") + " " + String.valueOf(description).replace(' ', '_');
	}

	/** Applied here by a newer build: a version beyond every file this build has. */
	public static boolean isAhead(MigrationInfo migration) {
		return migration.getState() == MigrationState.FUTURE_SUCCESS
				|| migration.getState() == MigrationState.FUTURE_FAILED;
	}

	/** Applied here, but its file is not in this build. */
	public static boolean isMissing(MigrationInfo migration) {
		return migration.getState() == MigrationState.MISSING_SUCCESS
				|| migration.getState() == MigrationState.MISSING_FAILED;
	}

}
