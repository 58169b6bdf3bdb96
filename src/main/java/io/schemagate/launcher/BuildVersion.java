package io.schemagate.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version recorded at build time by Spring Boot's {@code build-info} goal. */
public final class BuildVersion {

	private BuildVersion() {
	}

	/** The build's version, from META-INF/build-info.properties. */
	public static String get() {
		try (InputStream in = BuildVersion.class.getResourceAsStream("/META-INF/build-info.properties")) {
			if (in == null) {
				return "(development build)";
			}
			Properties properties = new Properties();
			properties.load(in);
			return properties.getProperty("build.version", "(unknown)");
		}
		catch (IOException ex) {
			return "(unknown)";
		}
	}

}
