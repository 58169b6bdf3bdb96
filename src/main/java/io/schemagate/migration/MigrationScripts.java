package io.schemagate.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.CoreLocationPrefix;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The SQL files behind Flyway's migrations and callbacks, read from its locations as
 * Flyway reads them (in its encoding, without a byte order mark), for the batch. Flyway
 * keeps its resources internal; what is read here is checked with Flyway's own checksum
 * ({@link FlywayInternals#checksum})
 * against the one it computed for the same file, so the batch runs what Flyway resolved
 * and records (a CRC32 over the lines, which does not see where lines break: as far as
 * Flyway's own validation ever tells two files apart).
 */
public final class MigrationScripts {

	private static final char BYTE_ORDER_MARK = '\uFEFF';

	/** Read once: Flyway's configuration parses its locations again at every call. */
	private final Location[] locations;

	private final Location[] callbackLocations;

	private final Charset encoding;

	private final ClassLoader classLoader;

	private MigrationScripts(Configuration configuration, Location[] locations, Location[] callbackLocations) {
		this.locations = locations;
		this.callbackLocations = callbackLocations;
		this.encoding = configuration.getEncoding();
		this.classLoader = configuration.getClassLoader();
	}

	/**
	 * The scripts of {@code configuration}'s locations and callback locations, or null when
	 * one of them is neither a plain {@code classpath:} nor a plain {@code filesystem:}
	 * folder (cloud storage, wildcards), which only Flyway can read.
	 */
	public static MigrationScripts of(Configuration configuration) {
		Location[] locations = configuration.getLocations();
		Location[] callbackLocations = configuration.getCallbackLocations();
		for (Location location : concat(locations, callbackLocations)) {
			boolean plain = CoreLocationPrefix.isClassPath(location) || CoreLocationPrefix.isFileSystem(location);
			if (!plain || location.getPathRegex() != null) {
				return null;
			}
		}
		return new MigrationScripts(configuration, locations, callbackLocations);
	}

	private static List<Location> concat(Location[] first, Location[] second) {
		List<Location> all = new ArrayList<>(List.of(first));
		all.addAll(List.of(second));
		return all;
	}

	/**
	 * The text of {@code migration}'s script, or null when no location holds a file whose
	 * checksum is the one Flyway resolved.
	 */
	public String read(MigrationInfo migration) {
		return find(migration, true);
	}

	/** The text of {@code migration}'s script, as it is in the first location that has it (for people). */
	public String show(MigrationInfo migration) {
		return find(migration, false);
	}

	private String find(MigrationInfo migration, boolean verified) {
		for (Location location : this.locations) {
			String text = read(location, migration.getScript());
			if (text != null && (!verified
					|| (migration.getChecksum() != null && FlywayInternals.checksum(text) == migration.getChecksum()))) {
				return text;
			}
		}
		return null;
	}

	private static String resourceName(Location location, String script) {
		String root = location.getRootPath();
		return root.isEmpty() ? script : root + "/" + script;
	}

	private String read(Location location, String script) {
		try {
			byte[] bytes;
			if (CoreLocationPrefix.isFileSystem(location)) {
				Path file = Path.of(location.getRootPath()).resolve(script);
				if (!Files.isRegularFile(file)) {
					return null;
				}
				bytes = Files.readAllBytes(file);
			}
			else {
				URL resource = this.classLoader.getResource(resourceName(location, script));
				if (resource == null) {
					return null;
				}
				try (InputStream in = resource.openStream()) {
					bytes = in.readAllBytes();
				}
			}
			String text = new String(bytes, this.encoding);
			return (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) ? text.substring(1) : text;
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * The names of every file in the locations and callback locations and their
	 * sub-folders, as Flyway scans them.
	 */
	public List<String> fileNames() {
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(this.classLoader);
		List<String> names = new ArrayList<>();
		for (Location location : concat(this.locations, this.callbackLocations)) {
			String root = CoreLocationPrefix.isFileSystem(location) ? "file:" + location.getRootPath()
					: "classpath*:" + location.getRootPath();
			try {
				for (Resource resource : resolver.getResources(root + "/**/*")) {
					if (resource.isReadable() && resource.getFilename() != null) {
						names.add(resource.getFilename());
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("could not list " + location, ex);
			}
		}
		return names;
	}

}
