package io.schemagate.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.schemagate.support.LauncherProcess;

/**
 * {@code ./entrypoint cds-archive} and the starts that use its archive, as the image's
 * build and every container start run them: the AOT cache on JDK 25+, the CDS archive on
 * earlier JDKs, chosen from the JDK's release file.
 */
class StartupArchiveProcessTests {

	private static final Duration TRAINING = Duration.ofSeconds(120);

	private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

	@TempDir
	Path work;

	/** Where the jar is laid out as the image has it: app.jar, lib/, and the archive. */
	private Path app;

	@Test
	void onJdk25TrainingWritesTheAotCacheAndEveryStartOpensIt() throws Exception {
		Optional<Path> jdk25 = jdkOfAtLeast(25);
		assumeTrue(jdk25.isPresent(), "no JDK 25 under /usr/lib/jvm");
		Path jar = train(jdk25.get());
		assertThat(app.resolve("app.aot")).isNotEmptyFile();
		assertThat(app.resolve("app.jsa")).doesNotExist();

		// AOTMode=on: the JVM refuses to start with a cache it cannot map.
		try (LauncherProcess version = version(jdk25.get(), jar, "-XX:AOTMode=on -Xlog:aot=info:stderr")) {
			assertThat(version.waitForExit(TRAINING)).as(version.output()).isZero();
			assertThat(version.stderr()).contains("Opened AOT cache " + app.resolve("app.aot"));
			assertThat(version.stdout()).startsWith("schemagate ");
		}
	}

	@Test
	void aStaleAotCacheCostsSpeedOnlyAndItsWarningsStayOffStdout() throws Exception {
		Optional<Path> jdk25 = jdkOfAtLeast(25);
		assumeTrue(jdk25.isPresent(), "no JDK 25 under /usr/lib/jvm");
		Path jar = train(jdk25.get());
		// A jar changed after training: the cache no longer fits it.
		Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 60_000));

		try (LauncherProcess version = version(jdk25.get(), jar, "")) {
			assertThat(version.waitForExit(TRAINING)).as(version.output()).isZero();
			assertThat(version.stdout()).matches("schemagate \\S+\\R");
			assertThat(version.stderr()).contains("[aot]");
		}
	}

	@Test
	void beforeJdk25TrainingWritesTheCdsArchiveAndEveryStartMapsIt() throws Exception {
		Path jdk = Path.of(System.getProperty("java.home"));
		assumeTrue(featureOf(jdk) < 25, "the build's JDK is 25 or later");
		Path jar = train(jdk);
		assertThat(app.resolve("app.jsa")).isNotEmptyFile();
		assertThat(app.resolve("app.aot")).doesNotExist();

		// -Xshare:on: the JVM refuses to start with an archive it cannot map.
		try (LauncherProcess version = version(jdk, jar, "-Xshare:on")) {
			assertThat(version.waitForExit(TRAINING)).as(version.output()).isZero();
			assertThat(version.stdout()).startsWith("schemagate ");
		}
	}

	/**
	 * Lay the packaged jar out in {@link #app} as the Dockerfile does and run
	 * {@code cds-archive} there on JDK.
	 */
	private Path train(Path jdk) throws IOException, InterruptedException {
		app = work.resolve("app");
		Process extract = new ProcessBuilder(jdk.resolve("bin/java").toString(), "-Djarmode=tools", "-jar",
				packagedJar().toString(), "extract", "--destination", app.toString(), "--application-filename",
				"app.jar")
			.redirectErrorStream(true)
			.redirectOutput(work.resolve("extract.log").toFile())
			.start();
		assertThat(extract.waitFor(TRAINING.toSeconds(), TimeUnit.SECONDS)).as("extract finished").isTrue();
		assertThat(extract.exitValue()).as(Files.readString(work.resolve("extract.log"))).isZero();
		Path jar = app.resolve("app.jar");
		try (LauncherProcess training = LauncherProcess.start(
				Map.of("APP_JAR", jar.toString(), "JAVA_HOME", jdk.toString(), "JAVA_OPTS", ""), "cds-archive")) {
			assertThat(training.waitForExit(TRAINING)).as(training.output()).isZero();
		}
		return jar;
	}

	private static LauncherProcess version(Path jdk, Path jar, String javaOpts) {
		return LauncherProcess.start(Map.of("APP_JAR", jar.toString(), "JAVA_HOME", jdk.toString(), "JAVA_OPTS",
				javaOpts), "version");
	}

	private static Path packagedJar() throws IOException {
		try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "schemagate-*.jar")) {
			for (Path jar : jars) {
				return jar;
			}
		}
		throw new IllegalStateException("no packaged jar in target/: run ./mvnw verify");
	}

	/** A JDK of at least FEATURE among this machine's: the build's own, else /usr/lib/jvm's. */
	private static Optional<Path> jdkOfAtLeast(int feature) throws IOException {
		Path own = Path.of(System.getProperty("java.home"));
		if (featureOf(own) >= feature) {
			return Optional.of(own);
		}
		Path jvms = Path.of("/usr/lib/jvm");
		if (!Files.isDirectory(jvms)) {
			return Optional.empty();
		}
		try (var homes = Files.list(jvms)) {
			return homes.filter((home) -> Files.isExecutable(home.resolve("bin/java")))
				.filter((home) -> featureOf(home) >= feature)
				.sorted()
				.findFirst();
		}
	}

	/** The Java feature release in HOME's release file, as entrypoint reads it; 0 if none. */
	private static int featureOf(Path home) {
		try {
			Matcher matcher = JAVA_VERSION.matcher(Files.readString(home.resolve("release")));
			return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

}
