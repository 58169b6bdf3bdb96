package io.schemagate.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.support.FaultReport;
import io.schemagate.support.Json;
import io.schemagate.support.LauncherProcess;
import io.schemagate.support.MigrationFiles;
import io.schemagate.support.TestDatabase;
import io.schemagate.support.TestPostgres;

/** {@code ./entrypoint} one-shot commands as real processes. */
@ExtendWith(FaultReport.class)
class EntrypointProcessTests {

	private static final Duration RUN = Duration.ofSeconds(60);

	@TempDir
	Path files;

	@Test
	void findsTheJarOfACheckoutWithoutAppJar() {
		try (LauncherProcess version = LauncherProcess.start(Map.of(), "version")) {
			assertThat(version.waitForExit(RUN)).isZero();
			assertThat(version.stdout()).startsWith("schemagate ");
		}
	}

	@Test
	void appJarPointingNowhereExits78() {
		try (LauncherProcess version = LauncherProcess.start(Map.of("APP_JAR", "/no/such.jar"), "version")) {
			assertThat(version.waitForExit(RUN)).isEqualTo(78);
			assertThat(version.stderr()).startsWith("error: APP_JAR: /no/such.jar is not a file");
		}
	}

	@Test
	void healthcheckRefusesAnythingButOnePathWithExit64() {
		for (String[] args : new String[][] { { "healthcheck", "--verbose" }, { "healthcheck", "actuator" },
				{ "healthcheck", "/a", "/b" } }) {
			try (LauncherProcess healthcheck = LauncherProcess.start(Map.of(), args)) {
				assertThat(healthcheck.waitForExit(RUN)).as(String.join(" ", args)).isEqualTo(64);
				assertThat(healthcheck.stderr()).startsWith("error: healthcheck: ");
			}
		}
	}

	@Test
	@FaultReport.Scenario(value = "healthcheck with a port that is no port",
			expected = "exit 78 naming MANAGEMENT_SERVER_PORT, as README says")
	void healthcheckRefusesAManagementPortThatIsNoPortWithExit78() {
		try (LauncherProcess healthcheck = LauncherProcess.start(Map.of("MANAGEMENT_SERVER_PORT", "abc"), "healthcheck")) {
			assertThat(healthcheck.waitForExit(RUN)).isEqualTo(78);
			assertThat(healthcheck.stderr())
				.isEqualTo("error: MANAGEMENT_SERVER_PORT: 'abc' is not allowed; use a port number from 1 to 65535\n");
			assertThat(healthcheck.stdout()).isEmpty();
		}
		for (String port : List.of("0", "65536", "-5", "8081x", "0x1F91", "9".repeat(10_000), "a\nb", "$(reboot)")) {
			String label = (port.length() > 20) ? port.substring(0, 20) + "..." : port;
			try (LauncherProcess healthcheck = LauncherProcess.start(Map.of("MANAGEMENT_SERVER_PORT", port),
					"healthcheck")) {
				assertThat(healthcheck.waitForExit(RUN)).as(label).isEqualTo(78);
				assertThat(healthcheck.stderr()).as(label)
					.startsWith("error: MANAGEMENT_SERVER_PORT: '")
					.endsWith(" is not allowed; use a port number from 1 to 65535\n")
					.hasLineCount(1)
					.hasSizeLessThan(200);
			}
		}
		// Trimmed and blank as the launcher reads it: a port, unreachable here, is not a bad setting.
		for (String port : List.of(" 1 ", "   ")) {
			try (LauncherProcess healthcheck = LauncherProcess.start(Map.of("MANAGEMENT_SERVER_PORT", port),
					"healthcheck")) {
				assertThat(healthcheck.waitForExit(RUN)).as(port).isNotEqualTo(78);
			}
		}
		FaultReport.observed("exit 78 with the one-line error, no JVM");
	}

	@Test
	@FaultReport.Scenario(value = "healthcheck with a SERVER_PORT that is no port",
			expected = "exit 78 naming SERVER_PORT, as README says")
	void healthcheckRefusesAServerPortThatIsNoPortWithExit78() {
		for (String port : List.of("abc", "0", "65536", "9".repeat(10_000))) {
			String label = (port.length() > 20) ? port.substring(0, 20) + "..." : port;
			try (LauncherProcess healthcheck = LauncherProcess.start(Map.of("SERVER_PORT", port), "healthcheck")) {
				assertThat(healthcheck.waitForExit(RUN)).as(label).isEqualTo(78);
				assertThat(healthcheck.stderr()).as(label)
					.startsWith("error: SERVER_PORT: '")
					.endsWith(" is not allowed; use a port number from 1 to 65535\n")
					.hasLineCount(1)
					.hasSizeLessThan(200);
				assertThat(healthcheck.stdout()).as(label).isEmpty();
			}
		}
		// A port, or none: healthcheck goes on to ask (unreachable here), no bad setting.
		for (String port : List.of("8080", " ")) {
			try (LauncherProcess healthcheck = LauncherProcess.start(Map.of("SERVER_PORT", port), "healthcheck")) {
				assertThat(healthcheck.waitForExit(RUN)).as(port).isNotEqualTo(78);
			}
		}
		FaultReport.observed("exit 78 with one line naming SERVER_PORT, no JVM");
	}

	@Test
	void migratePrintsTheSummaryOnStdoutAndLogsOnStderr() {
		TestDatabase database = TestDatabase.create();
		try (LauncherProcess migrate = LauncherProcess.start(database.environment(), "migrate")) {
			assertThat(migrate.waitForExit(RUN)).isZero();
			assertThat(migrate.stdout()).matches("applied 3 migrations \\(schema empty -> 3\\) in [0-9.]+s\\n");
			assertThat(migrate.stderr()).contains("applying V3 index_expenses_by_date (3/3) outside a transaction");
		}
		try (LauncherProcess again = LauncherProcess.start(database.environment(), "migrate")) {
			assertThat(again.waitForExit(RUN)).isZero();
			assertThat(again.stdout()).startsWith("nothing to apply: schema is at version 3");
			assertThat(again.portIsOpen()).isFalse();
		}
		assertThat(database.historyRowsPerVersion()).containsOnly(Map.entry("1", 1), Map.entry("2", 1),
				Map.entry("3", 1));
	}

	@Test
	void jsonOutputIsOneDocumentOnStdoutWithLogsOnStderr() {
		TestDatabase database = TestDatabase.create();
		try (LauncherProcess status = LauncherProcess.start(database.environment(), "status", "--json")) {
			assertThat(status.waitForExit(RUN)).isZero();
			JsonNode document = Json.read(status.stdout());
			assertThat(document.get("newest_version").asString()).isEqualTo("3");
			assertThat(document.get("pending")).hasSize(3);
		}
	}

	@Test
	void thePasswordAppearsInNoOutputOnAnyPath() throws IOException {
		String password = TestPostgres.ADMIN_PASSWORD;
		TestDatabase database = TestDatabase.create();
		MigrationFiles broken = new MigrationFiles(Files.createDirectory(this.files.resolve("broken"))).add("4",
				"broken", "ALTER TABLE nowhere ADD COLUMN x int;");
		Path urlFile = Files.writeString(this.files.resolve("url"), database.url() + "\n");
		Path passwordFile = Files.writeString(this.files.resolve("password"), password + "-wrong\n");
		String urlWithoutPassword = "postgresql://postgres@" + database.host() + ":" + database.port() + "/"
				+ database.name();
		Map<String, Map<String, String>> runs = new java.util.LinkedHashMap<>();
		// success, with debug logging everywhere
		runs.put("migrate", env("DATABASE_URL", database.url(), "LOGGING_LEVEL_ROOT", "debug"));
		for (String command : List.of("status", "history", "validate", "plan", "repair", "wait-for-db")) {
			runs.put(command, env("DATABASE_URL", database.url(), "LOGGING_LEVEL_IO_SCHEMAGATE", "debug"));
		}
		// refused, with a stack trace at debug level
		runs.put("baseline --version 1", env("DATABASE_URL", database.url(), "LOGGING_LEVEL_IO_SCHEMAGATE", "debug"));
		runs.put("migrate  ", env("DATABASE_URL", database.url(), "SPRING_FLYWAY_LOCATIONS", broken.locations(),
				"LOGGING_LEVEL_IO_SCHEMAGATE", "debug"));
		runs.put("serve", env("DATABASE_URL", database.url(), "RUN_MIGRATIONS", "true", "SPRING_FLYWAY_LOCATIONS",
				broken.locations(), "LOGGING_LEVEL_IO_SCHEMAGATE", "debug"));
		// the URL from a file, the password from a file (wrong), the password in a variable (wrong)
		runs.put("status ", env("DATABASE_URL_FILE", urlFile.toString()));
		runs.put("migrate ", env("DATABASE_URL", urlWithoutPassword, "DATABASE_PASSWORD_FILE", passwordFile.toString()));
		runs.put("wait-for-db ", env("DATABASE_URL", urlWithoutPassword, "DATABASE_PASSWORD", password + "-wrong"));
		runs.put("serve ", env("DATABASE_URL", urlWithoutPassword, "DATABASE_PASSWORD", password + "-wrong"));
		runs.put("migrate   ", env("DATABASE_URL", urlWithoutPassword, "MIGRATION_DATABASE_URL",
				"postgresql://postgres:" + password + "-wrong@" + database.host() + ":" + database.port() + "/x"));
		// unreachable host, a malformed URL, both a variable and its file
		runs.put("migrate    ", env("DATABASE_URL", "postgresql://postgres:" + password + "@127.0.0.1:1/x",
				"DB_WAIT_TIMEOUT", "1"));
		runs.put("status  ", env("DATABASE_URL", "postgresql://postgres:" + password + "@db:99999/x"));
		runs.put("history ", env("DATABASE_URL", database.url(), "DATABASE_URL_FILE", urlFile.toString()));
		for (Map.Entry<String, Map<String, String>> run : runs.entrySet()) {
			try (LauncherProcess process = LauncherProcess.start(run.getValue(), run.getKey().strip().split(" "))) {
				int exitCode = process.waitForExit(RUN);
				assertThat(process.output()).as("output of '%s', which exited %d", run.getKey().strip(), exitCode)
					.doesNotContain(password);
			}
		}
	}

	private static Map<String, String> env(String... pairs) {
		Map<String, String> environment = new HashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			environment.put(pairs[i], pairs[i + 1]);
		}
		return environment;
	}

}
