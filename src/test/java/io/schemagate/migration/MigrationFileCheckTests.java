package io.schemagate.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.support.FaultReport;
import io.schemagate.support.LauncherRun;
import io.schemagate.support.MigrationFiles;
import io.schemagate.support.TestDatabase;

/** No migration file is skipped in silence: every command refuses a folder Flyway could not read as it is. */
@ExtendWith(FaultReport.class)
class MigrationFileCheckTests {

	/** Every command that reads the migrations. */
	private static final List<String> COMMANDS = List.of("migrate", "status", "validate", "plan", "history", "repair");

	@TempDir
	Path folder;

	private final TestDatabase database = TestDatabase.create();

	private Map<String, String> environment(MigrationFiles files) {
		return files.environment(this.database);
	}

	@Test
	@FaultReport.Scenario(value = "a migration file that is not valid UTF-8",
			expected = "every command exits 65 naming the file and the byte offset; nothing applied")
	void everyCommandRefusesAFileThatIsNotValidUtf8NamingItsByteOffset() throws IOException {
		MigrationFiles files = new MigrationFiles(this.folder).add("4", "ok", "CREATE TABLE ok (id int);");
		Files.write(this.folder.resolve("V5__latin1.sql"), "-- caf\u00e9\nCREATE TABLE t (id int);".getBytes(
				java.nio.charset.StandardCharsets.ISO_8859_1));
		for (String command : COMMANDS) {
			LauncherRun run = LauncherRun.of(environment(files), command);
			assertThat(run.code()).as(command + ": " + run.err()).isEqualTo(65);
			assertThat(run.err()).as(command)
				.contains("migration file " + this.folder.resolve("V5__latin1.sql") + " is not valid UTF-8 at byte offset 6 (line 1)")
				.hasLineCount(1);
		}
		assertThat(this.database.hasTable("flyway_schema_history")).isFalse();
		FaultReport.observed("migrate, status, validate, plan, history, repair: exit 65 naming V5__latin1.sql at byte 6");
	}

	@Test
	@FaultReport.Scenario(value = "SPRING_FLYWAY_LOCATIONS names a folder that does not exist",
			expected = "every command, lint included, exits 78 naming the setting and the location; nothing applied")
	void aFolderThatDoesNotExistIsASettingErrorInEveryCommand() {
		Map<String, String> environment = environment(new MigrationFiles(this.folder));
		environment.put("SPRING_FLYWAY_LOCATIONS", "classpath:db/migration,filesystem:" + this.folder.resolve("gone"));
		for (String command : java.util.stream.Stream.concat(COMMANDS.stream(), java.util.stream.Stream.of("lint"))
			.toList()) {
			LauncherRun run = LauncherRun.of(environment, command);
			assertThat(run.code()).as(command + ": " + run.err()).isEqualTo(78);
			assertThat(run.err()).as(command)
				.contains("SPRING_FLYWAY_LOCATIONS: filesystem:" + this.folder.resolve("gone") + " does not exist")
				.hasLineCount(1);
		}
		assertThat(this.database.hasTable("flyway_schema_history")).isFalse();
		FaultReport.observed("migrate, status, validate, plan, history, repair, lint: exit 78 naming the location");
	}

	@Test
	void aFileInTheEncodingFlywayIsToldIsAccepted() throws IOException {
		Files.write(this.folder.resolve("V4__latin1.sql"),
				"-- caf\u00e9\nCREATE TABLE t (id int);".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
		Map<String, String> environment = environment(new MigrationFiles(this.folder));
		environment.put("SPRING_FLYWAY_ENCODING", "ISO-8859-1");
		assertThat(LauncherRun.of(environment, "migrate").code()).isZero();
		assertThat(this.database.appliedVersions()).containsExactly("1", "2", "3", "4");
	}

	@Test
	void filesFlywayDoesNotReadAreNotChecked() throws IOException {
		Files.write(this.folder.resolve("README.txt"), new byte[] { (byte) 0xff, (byte) 0xfe, 0 });
		Files.createSymbolicLink(this.folder.resolve("notes.md"), this.folder.resolve("gone.md"));
		MigrationFiles files = new MigrationFiles(this.folder).add("4", "ok", "CREATE TABLE ok (id int);");
		assertThat(LauncherRun.of(environment(files), "migrate").code()).isZero();
		assertThat(this.database.appliedVersions()).containsExactly("1", "2", "3", "4");
	}

	@Test
	@FaultReport.Scenario(value = "a symbolic-link loop in a migration folder",
			expected = "every command exits 65 at once naming the folder; nothing applied")
	void everyCommandRefusesASymbolicLinkLoopAtOnceNamingTheFolder() throws IOException {
		MigrationFiles files = new MigrationFiles(this.folder).add("4", "ok", "CREATE TABLE ok (id int);");
		Path sub = Files.createDirectories(this.folder.resolve("sub"));
		Files.createSymbolicLink(sub.resolve("loop"), this.folder);
		long start = System.nanoTime();
		for (String command : COMMANDS) {
			LauncherRun run = LauncherRun.of(environment(files), command);
			assertThat(run.code()).as(command + ": " + run.err()).isEqualTo(65);
			assertThat(run.err()).as(command)
				.contains("migration folder " + sub.resolve("loop") + " is a symbolic link to one of the folders that hold it");
		}
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(took).isLessThan(Duration.ofSeconds(60));
		assertThat(this.database.hasTable("flyway_schema_history")).isFalse();
		FaultReport.observed("six commands exit 65 naming sub/loop, in " + took.toSeconds() + " s together");
	}

	@Test
	void aMigrationNamedLinkToNothingIsRefused() throws IOException {
		Files.createSymbolicLink(this.folder.resolve("V4__gone.sql"), this.folder.resolve("elsewhere/V4__gone.sql"));
		LauncherRun run = LauncherRun.of(environment(new MigrationFiles(this.folder)), "status");
		assertThat(run.code()).isEqualTo(65);
		assertThat(run.err()).contains("migration file " + this.folder.resolve("V4__gone.sql")
				+ " is a symbolic link to a file that does not exist");
	}

	@Test
	@FaultReport.Scenario(value = "two migration files with the same version",
			expected = "every command exits 65 naming both files; nothing applied")
	void everyCommandNamesBothFilesThatShareAVersion() {
		Path sub = this.folder.resolve("team-b");
		new MigrationFiles(this.folder).add("4", "from_team_a", "CREATE TABLE a (id int);");
		try {
			Files.createDirectories(sub);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		new MigrationFiles(sub).add("4", "from_team_b", "CREATE TABLE b (id int);");
		MigrationFiles files = new MigrationFiles(this.folder);
		for (String command : COMMANDS) {
			LauncherRun run = LauncherRun.of(environment(files), command);
			assertThat(run.code()).as(command + ": " + run.err()).isEqualTo(65);
			assertThat(run.err()).as(command)
				.contains("more than one migration file has version 4: ")
				.contains(this.folder.resolve("V4__from_team_a.sql").toString())
				.contains(sub.resolve("V4__from_team_b.sql").toString())
				.contains("give one of them another version")
				.hasLineCount(1);
		}
		assertThat(this.database.hasTable("flyway_schema_history")).isFalse();
		FaultReport.observed("six commands exit 65 naming V4__from_team_a.sql and team-b/V4__from_team_b.sql");
	}

}
