package io.schemagate.migration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import io.schemagate.support.FaultReport;
import io.schemagate.support.LauncherProcess;
import io.schemagate.support.MigrationFiles;
import io.schemagate.support.TestDatabase;

/** A file or folder the launcher's user cannot read is never skipped in silence. */
@ExtendWith(FaultReport.class)
class UnreadableMigrationProcessTests {

	private static final Duration LIMIT = Duration.ofSeconds(90);

	@TempDir
	Path folder;

	private Map<String, String> environment(TestDatabase database) throws Exception {
		// The test's folder must be open to the unprivileged user; only the file under test is not.
		Files.setPosixFilePermissions(this.folder, PosixFilePermissions.fromString("rwxr-xr-x"));
		Map<String, String> environment = database.environment();
		environment.put("SPRING_FLYWAY_LOCATIONS", new MigrationFiles(this.folder).locations());
		return environment;
	}

	@Test
	@FaultReport.Scenario(value = "a migration file the process cannot read (chmod 000, non-root)",
			expected = "migrate, status --check, validate, plan exit 65 naming the file; nothing applied")
	void aFileTheUserCannotReadFailsEveryCommand() throws Exception {
		TestDatabase database = TestDatabase.create();
		new MigrationFiles(this.folder).add("4", "readable", "CREATE TABLE readable (id int);")
			.add("5", "unreadable", "CREATE TABLE unreadable (id int);");
		Path unreadable = this.folder.resolve("V5__unreadable.sql");
		Files.setPosixFilePermissions(this.folder.resolve("V4__readable.sql"), PosixFilePermissions.fromString("rw-r--r--"));
		Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
		Map<String, String> environment = environment(database);
		for (List<String> command : List.of(List.of("migrate"), List.of("status", "--check"), List.of("validate"),
				List.of("plan"))) {
			try (LauncherProcess process = LauncherProcess.startUnprivileged(environment, command.toArray(String[]::new))) {
				assertThat(process.waitForExit(LIMIT)).as(command + ": " + process.output()).isEqualTo(65);
				assertThat(process.stderr()).as(command.toString())
					.contains("error: migration file " + unreadable + " cannot be read (permission denied) by user");
				assertThat(process.stderr().strip().lines()).as(command + ": the error is one line")
					.singleElement(STRING)
					.startsWith("error: migration file ");
			}
		}
		assertThat(database.hasTable("flyway_schema_history")).isFalse();
		assertThat(database.hasTable("readable")).isFalse();
		FaultReport.observed("migrate, status --check, validate, plan: exit 65 naming V5__unreadable.sql; nothing applied");
	}

	@Test
	@FaultReport.Scenario(value = "a migration sub-folder the process cannot read",
			expected = "migrate exits 65 naming the folder; nothing applied")
	void aFolderTheUserCannotReadFailsMigrate() throws Exception {
		TestDatabase database = TestDatabase.create();
		Path hidden = Files.createDirectories(this.folder.resolve("team-b"));
		new MigrationFiles(hidden).add("4", "hidden", "CREATE TABLE hidden (id int);");
		Map<String, String> environment = environment(database);
		Files.setPosixFilePermissions(hidden, PosixFilePermissions.fromString("---------"));
		try (LauncherProcess migrate = LauncherProcess.startUnprivileged(environment, "migrate")) {
			assertThat(migrate.waitForExit(LIMIT)).as(migrate.output()).isEqualTo(65);
			assertThat(migrate.stderr()).contains("error: migration folder " + hidden
					+ " cannot be read (permission denied) by user", "so Flyway would skip the migrations in it");
		}
		assertThat(database.hasTable("flyway_schema_history")).isFalse();
		FaultReport.observed("exit 65 naming team-b; nothing applied");
	}

}
