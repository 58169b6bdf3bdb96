package io.schemagate.migration;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;

import org.flywaydb.core.api.CoreLocationPrefix;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import io.schemagate.settings.ConfigurationException;

/**
 * Reads every file Flyway would read from its locations before Flyway does, so that no
 * migration is skipped in silence. Flyway's scanner passes over a file or folder it cannot
 * read without a word, follows a symbolic-link loop without end, and fails on a file that
 * is not in its encoding without naming it; each of these is a build that is not what it
 * seems, so every command refuses it (exit 65) naming the file and what is wrong.
 * <p>
 * Written by hand because Flyway's scanner is internal and has no strict mode. Folders are
 * walked following links, each at most once along a path (a loop fails at once); files
 * inside jars are read through Spring's resolver, as the application's classpath holds
 * them. A little over 200 lines: the walk, the reading and the one-line reasons of
 * every way a file can be skipped belong to one check.
 */
public final class MigrationFileCheck {

	/** Flyway's per-migration configuration files sit beside the script: {@code V1__x.sql.conf}. */
	private static final String CONFIG_SUFFIX = ".conf";

	private final List<String> suffixes;

	private final Charset encoding;

	private final ClassLoader classLoader;

	private MigrationFileCheck(Configuration configuration) {
		List<String> suffixes = new ArrayList<>();
		for (String suffix : configuration.getSqlMigrationSuffixes()) {
			suffixes.add(suffix);
			suffixes.add(suffix + CONFIG_SUFFIX);
		}
		this.suffixes = Collections.unmodifiableList(suffixes);
		this.encoding = configuration.getEncoding();
		this.classLoader = configuration.getClassLoader();
	}

	/**
	 * Check the files of {@code configuration}'s locations and callback locations.
	 * @throws MigrationFailedException naming the first file or folder that cannot be read
	 * as Flyway would need to read it
	 * @throws ConfigurationException when a filesystem location does not exist
	 */
	public static void check(Configuration configuration) {
		MigrationFileCheck check = new MigrationFileCheck(configuration);
		for (Location location : configuration.getLocations()) {
			check.check(location, "SPRING_FLYWAY_LOCATIONS");
		}
		for (Location location : configuration.getCallbackLocations()) {
			check.check(location, "SPRING_FLYWAY_CALLBACK_LOCATIONS");
		}
	}

	private void check(Location location, String setting) {
		if (CoreLocationPrefix.isFileSystem(location)) {
			Path root = Path.of(location.getRootPath());
			if (!Files.exists(root) && !Files.isSymbolicLink(root)) {
				// Flyway fails on it too, but later and as if it were a bug.
				throw new ConfigurationException(setting + ": " + location.getDescriptor() + " does not exist; set it to"
						+ " folders that exist, e.g. filesystem:/app/migrations (a comma-separated list)");
			}
			walk(root);
		}
		else if (CoreLocationPrefix.isClassPath(location)) {
			checkClassPath(location.getRootPath());
		}
		// Other locations (cloud storage) only Flyway can read.
	}

	private void checkClassPath(String root) {
		try {
			for (URL url : Collections.list(this.classLoader.getResources(root))) {
				if ("file".equals(url.getProtocol())) {
					walk(Path.of(url.toURI()));
				}
			}
			// Inside a jar nothing can be unreadable or loop, but a file can be in another encoding.
			PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(this.classLoader);
			for (Resource resource : resolver.getResources("classpath*:" + root + "/**/*")) {
				URL url = resource.getURL();
				if (!"file".equals(url.getProtocol()) && isMigrationFile(resource.getFilename())
						&& resource.isReadable()) {
					try (InputStream in = resource.getInputStream()) {
						checkEncoding(url.toString(), in.readAllBytes());
					}
				}
			}
		}
		catch (IOException | java.net.URISyntaxException ex) {
			throw failure("migration location classpath:" + root + " cannot be listed (" + ex.getMessage() + ")", ex);
		}
	}

	private void walk(Path root) {
		try {
			Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
					new SimpleFileVisitor<>() {

						@Override
						public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
							if (isMigrationFile(name(file))) {
								checkFile(file, attributes);
							}
							return FileVisitResult.CONTINUE;
						}

						@Override
						public FileVisitResult visitFileFailed(Path file, IOException failure) {
							failed(file, failure);
							return FileVisitResult.CONTINUE;
						}

					});
		}
		catch (IOException ex) {
			failed(root, ex);
		}
	}

	private void checkFile(Path file, BasicFileAttributes attributes) {
		if (attributes.isSymbolicLink()) {
			// Following links, only a link to nothing is seen as a link.
			throw failure("migration file " + file + " is a symbolic link to a file that does not exist;"
					+ " restore the file or remove the link", null);
		}
		if (!attributes.isRegularFile()) {
			// Reading a pipe or a device would block or never end.
			throw failure("migration file " + file + " is not a regular file; replace it with the file itself", null);
		}
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(file);
		}
		catch (IOException ex) {
			failed(file, ex);
			return;
		}
		checkEncoding(file.toString(), bytes);
	}

	/** What a file or folder that could not be visited means, by why it could not. */
	private void failed(Path path, IOException failure) {
		if (failure instanceof FileSystemLoopException) {
			throw failure("migration folder " + path + " is a symbolic link to one of the folders that hold it, a loop;"
					+ " remove the link or point it elsewhere", failure);
		}
		if (failure instanceof AccessDeniedException) {
			String skipped = Files.isDirectory(path) ? "the migrations in it" : "it";
			throw failure(kind(path) + path + " cannot be read (permission denied) by user "
					+ System.getProperty("user.name") + ", so Flyway would skip " + skipped
					+ " in silence; make it readable by that user", failure);
		}
		if (failure instanceof NoSuchFileException && !isMigrationFile(name(path))) {
			// Gone while walking, and nothing Flyway would read anyway.
			return;
		}
		String reason = (failure.getMessage() != null) ? failure.getMessage() : failure.getClass().getSimpleName();
		throw failure(kind(path) + path + " cannot be read (" + reason + ")", failure);
	}

	private static String kind(Path path) {
		return Files.isDirectory(path) ? "migration folder " : "migration file ";
	}

	/** Decode strictly, as Flyway would need to, and name the first byte that is not in the encoding. */
	private void checkEncoding(String file, byte[] bytes) {
		int offset = StrictDecoding.firstInvalidByte(bytes, this.encoding);
		if (offset >= 0) {
			throw failure("migration file " + file + " is not valid " + this.encoding.name() + " at byte offset " + offset
					+ " (line " + StrictDecoding.lineOf(bytes, offset) + "); save it as " + this.encoding.name()
					+ ", or set SPRING_FLYWAY_ENCODING to the encoding it is in", null);
		}
	}

	private boolean isMigrationFile(String name) {
		if (name == null) {
			return false;
		}
		for (String suffix : this.suffixes) {
			if (name.endsWith(suffix)) {
				return true;
			}
		}
		return false;
	}

	private static String name(Path path) {
		Path name = path.getFileName();
		return (name != null) ? name.toString() : null;
	}

	private static MigrationFailedException failure(String message, Throwable cause) {
		return new MigrationFailedException(message + "; nothing was applied", cause);
	}

}
