package io.schemagate.launcher;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.util.Collections;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * What a training start for the start-up archive ({@code entrypoint cds-archive}: the AOT
 * cache on JDK 25+, else the CDS archive) does beyond starting the context. The image
 * builds its archive without a database, so the classes that talk to one (the PostgreSQL
 * driver, Flyway's commands) would never be loaded, and every start and every
 * {@code migrate} would load and verify them again from their jars. Loading them here,
 * without initializing them, puts them in the archive: measured on our 2-core machine,
 * ready 0.25 s sooner and {@code migrate} with nothing pending 0.1 s. No library does
 * this: the JDK archives what a run happened to load, and Spring Boot's training is that
 * run.
 */
final class CdsTraining {

	/** A class of each jar whose classes a database-less training start would not load. */
	private static final String[] JARS_OF = { "org/postgresql/Driver.class", "org/flywaydb/core/Flyway.class",
			"org/flywaydb/database/postgresql/PostgreSQLDatabaseType.class" };

	private CdsTraining() {
	}

	/** Whether this JVM is a training start: Spring stops once the context is refreshed. */
	static boolean isTraining() {
		return "onRefresh".equals(System.getProperty("spring.context.exit"));
	}

	/** Load every class of the jars of {@link #JARS_OF}; those that cannot load are left out. */
	static int loadDatabaseClasses(ClassLoader loader) {
		int loaded = 0;
		for (String anchor : JARS_OF) {
			URL url = loader.getResource(anchor);
			if (url == null) {
				continue;
			}
			try {
				JarURLConnection connection = (JarURLConnection) url.openConnection();
				connection.setUseCaches(false);
				try (JarFile jar = connection.getJarFile()) {
					for (JarEntry entry : Collections.list(jar.entries())) {
						String className = className(entry.getName());
						loaded += (className != null && load(className, loader)) ? 1 : 0;
					}
				}
			}
			catch (IOException | ClassCastException ex) {
				// Not a jar (a build's classes folder): nothing to archive from it.
			}
		}
		return loaded;
	}

	/** The class an entry of a jar holds, or null: a resource, module-info, or a multi-release copy. */
	static String className(String entry) {
		if (!entry.endsWith(".class") || entry.startsWith("META-INF/") || entry.endsWith("module-info.class")
				|| entry.endsWith("package-info.class")) {
			return null;
		}
		return entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
	}

	private static boolean load(String className, ClassLoader loader) {
		try {
			Class.forName(className, false, loader);
			return true;
		}
		catch (Throwable ex) {
			// An optional dependency of this class is absent (Flyway's JBoss VFS support,
			// for one): it could not load at run time either.
			return false;
		}
	}

}
