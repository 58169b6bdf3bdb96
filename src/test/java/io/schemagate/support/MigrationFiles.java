package io.schemagate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A folder of extra migrations for one test, added to the built-in ones the way an
 * operator adds a mounted folder: {@code SPRING_FLYWAY_LOCATIONS}.
 */
public final class MigrationFiles {

	private final Path folder;

	public MigrationFiles(Path folder) {
		this.folder = folder;
	}

	/** Add {@code V<version>__<description>.sql} holding {@code sql}. */
	public MigrationFiles add(String version, String description, String sql) {
		return write("V" + version + "__" + description + ".sql", sql);
	}

	/** Add (or replace) {@code file}, any file a location may hold: a repeatable, a callback, a .conf. */
	public MigrationFiles write(String file, String sql) {
		try {
			Files.writeString(this.folder.resolve(file), sql);
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The environment of a launcher on {@code database} with the built-in migrations and this folder's. */
	public Map<String, String> environment(TestDatabase database) {
		Map<String, String> environment = database.environment();
		environment.put("SPRING_FLYWAY_LOCATIONS", locations());
		return environment;
	}

	/** The value of SPRING_FLYWAY_LOCATIONS: the built-in migrations and this folder. */
	public String locations() {
		return "classpath:db/migration," + alone();
	}

	/** The value of SPRING_FLYWAY_LOCATIONS for this folder without the built-in migrations. */
	public String alone() {
		return "filesystem:" + this.folder;
	}

}
