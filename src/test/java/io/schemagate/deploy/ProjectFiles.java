package io.schemagate.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What the deployment files must agree with, read from the project itself: the variables
 * the app reads (.env.example), the image the compose files run, the user the Dockerfile
 * runs as, and the actuator settings of application.properties.
 */
final class ProjectFiles {

	/** A line of .env.example that sets a variable, or shows it commented out. */
	private static final Pattern VARIABLE_LINE = Pattern.compile("^#?\\s*([A-Z][A-Z0-9_]*)=");

	/** Compose's {@code ${NAME:-default}}. */
	private static final Pattern DEFAULTED = Pattern.compile("\\$\\{[A-Z_][A-Z0-9_]*:-([^}]*)}");

	private static final Pattern DOCKERFILE_USER = Pattern.compile("(?m)^USER\\s+(\\d+)(?::(\\d+))?\\s*$");

	private static final Pattern SECONDS = Pattern.compile("(\\d+)s");

	private ProjectFiles() {
	}

	/** Every variable named in .env.example, set or commented out. */
	static Set<String> variablesTheAppReads() throws IOException {
		Set<String> names = new TreeSet<>();
		for (String line : Files.readAllLines(Path.of(".env.example"))) {
			Matcher matcher = VARIABLE_LINE.matcher(line);
			if (matcher.find()) {
				names.add(matcher.group(1));
			}
		}
		return names;
	}

	/**
	 * The repository of the image the compose files' api service runs (its last path
	 * segment, without registry or tag); both files must name the same one.
	 */
	static String composeImageRepository() throws IOException {
		String dev = repository(composeApiImage(Path.of("docker-compose.yaml")));
		String prod = repository(composeApiImage(Path.of("docker-compose.prod.yaml")));
		if (!dev.equals(prod)) {
			throw new IllegalStateException("docker-compose.yaml runs " + dev + " but docker-compose.prod.yaml " + prod);
		}
		return dev;
	}

	/** {@code registry.example.com/team/schemagate:1.0@sha256:...} is {@code schemagate}. */
	static String repository(String image) {
		String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
		int slash = name.lastIndexOf('/');
		int colon = name.lastIndexOf(':');
		if (colon > slash) {
			name = name.substring(0, colon);
		}
		return name.substring(name.lastIndexOf('/') + 1);
	}

	/** The numeric user of the Dockerfile's last USER line. */
	static long dockerfileUser() throws IOException {
		Matcher matcher = DOCKERFILE_USER.matcher(Files.readString(Path.of("Dockerfile")));
		String user = null;
		while (matcher.find()) {
			user = matcher.group(1);
		}
		if (user == null) {
			throw new IllegalStateException("Dockerfile has no numeric USER line");
		}
		return Long.parseLong(user);
	}

	/** src/main/resources/application.properties. */
	static Properties applicationProperties() throws IOException {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
			properties.load(reader);
		}
		return properties;
	}

	/** The app's HTTP port: server.port, else Spring Boot's (and SERVER_PORT's) 8080. */
	static int applicationPort() throws IOException {
		return Integer.parseInt(applicationProperties().getProperty("server.port", "8080"));
	}

	/** The actuator's port (MANAGEMENT_SERVER_PORT's default): management.server.port, a port of its own. */
	static int managementPort() throws IOException {
		String port = applicationProperties().getProperty("management.server.port");
		if (port == null || Integer.parseInt(port) == applicationPort()) {
			throw new IllegalStateException("application.properties: management.server.port should be a port of its own");
		}
		return Integer.parseInt(port);
	}

	/** The longest the app's graceful shutdown may take. */
	static Duration gracefulShutdown() throws IOException {
		String value = applicationProperties().getProperty("spring.lifecycle.timeout-per-shutdown-phase", "30s");
		Matcher matcher = SECONDS.matcher(value.strip());
		if (!matcher.matches()) {
			throw new IllegalStateException("spring.lifecycle.timeout-per-shutdown-phase: expected seconds such as 20s, got " + value);
		}
		return Duration.ofSeconds(Long.parseLong(matcher.group(1)));
	}

	/** A YAML loader that refuses duplicate keys and builds only plain maps and lists. */
	static Yaml strictYaml() {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		return new Yaml(new SafeConstructor(options));
	}

	@SuppressWarnings("unchecked")
	private static String composeApiImage(Path file) throws IOException {
		Map<String, Object> compose = strictYaml().load(Files.readString(file));
		Map<String, Object> services = (Map<String, Object>) compose.get("services");
		Map<String, Object> api = (Map<String, Object>) services.get("api");
		String image = (String) api.get("image");
		Matcher defaulted = DEFAULTED.matcher(image);
		return defaulted.matches() ? defaulted.group(1) : image;
	}

}
