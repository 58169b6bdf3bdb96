package io.schemagate.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.support.FaultReport;
import io.schemagate.support.Json;
import io.schemagate.support.LauncherRun;
import io.schemagate.support.MigrationFiles;
import io.schemagate.support.TestDatabase;

/** {@code status --check} exits 1 whenever {@code migrate} would refuse, and status and plan say why. */
@ExtendWith(FaultReport.class)
class DeployGateTests {

	@TempDir
	Path folder;

	private final TestDatabase database = TestDatabase.create();

	private Map<String, String> environment(MigrationFiles files) {
		return files.environment(this.database);
	}

	@Test
	@FaultReport.Scenario(value = "a file older than the newest applied version (V3_5 after V4)",
			expected = "migrate 65; status --check 1 and plan say why and what to do; with OUT_OF_ORDER=true it applies")
	void aFileAddedOutOfOrderFailsTheGateAndStatusAndPlanSayWhatToDo() {
		MigrationFiles files = new MigrationFiles(this.folder).add("4", "four", "CREATE TABLE four (id int);");
		assertThat(LauncherRun.of(environment(files), "migrate").code()).isZero();
		files.add("3_5", "late", "CREATE TABLE late (id int);");

		assertThat(LauncherRun.of(environment(files), "migrate").code()).isEqualTo(65);
		LauncherRun status = LauncherRun.of(environment(files), "status", "--check");
		assertThat(status.code()).isEqualTo(1);
		assertThat(status.out()).contains("migrate would refuse to run: 1 problem(s)",
				"V3.5 late: it is older than the schema version but was never applied (added out of order)",
				"fix: give it a version above the newest applied one, or allow it with SPRING_FLYWAY_OUT_OF_ORDER=true")
			.endsWith("not up to date\n");
		JsonNode refused = Json.read(LauncherRun.of(environment(files), "status", "--json").out()).get("refused");
		assertThat(refused).hasSize(1);
		assertThat(refused.get(0).get("version").asString()).isEqualTo("3.5");
		assertThat(refused.get(0).get("code").asString()).isEqualTo("RESOLVED_VERSIONED_MIGRATION_NOT_APPLIED");
		LauncherRun plan = LauncherRun.of(environment(files), "plan");
		assertThat(plan.code()).isZero();
		assertThat(plan.out()).startsWith("migrate would refuse to run (exit 65) and apply nothing")
			.contains("V3.5 late: it is older than the schema version", "SPRING_FLYWAY_OUT_OF_ORDER=true");
		FaultReport.observed("migrate 65; status --check 1 naming V3.5 and both fixes; plan says migrate would refuse");

		Map<String, String> outOfOrder = environment(files);
		outOfOrder.put("SPRING_FLYWAY_OUT_OF_ORDER", "true");
		LauncherRun allowed = LauncherRun.of(outOfOrder, "status", "--check");
		assertThat(allowed.code()).isEqualTo(1);
		assertThat(allowed.out()).contains("pending: 1 (run 'migrate' to apply)", "V3.5 late");
		assertThat(LauncherRun.of(outOfOrder, "migrate").code()).isZero();
		assertThat(LauncherRun.of(outOfOrder, "status", "--check").code()).isZero();
		assertThat(this.database.hasTable("late")).isTrue();
		FaultReport.observed("with SPRING_FLYWAY_OUT_OF_ORDER=true: pending, applied, then up to date");
	}

	@Test
	void anEditedFileFailsTheGate() throws IOException {
		MigrationFiles files = new MigrationFiles(this.folder).add("4", "four", "CREATE TABLE four (id int);");
		assertThat(LauncherRun.of(environment(files), "migrate").code()).isZero();
		Files.writeString(this.folder.resolve("V4__four.sql"), "CREATE TABLE four (id bigint);");

		LauncherRun status = LauncherRun.of(environment(files), "status", "--check");
		assertThat(status.code()).isEqualTo(1);
		assertThat(status.out()).contains("V4 four: its file changed after it was applied", "run 'repair'");
		assertThat(LauncherRun.of(environment(files), "migrate").code()).isEqualTo(65);
	}

	@Test
	void aFailedRowFailsTheGate() {
		MigrationFiles files = new MigrationFiles(this.folder).add("4", "fails",
				"CREATE INDEX CONCURRENTLY nope ON no_such_table (id);");
		assertThat(LauncherRun.of(environment(files), "migrate").code()).isEqualTo(65);
		LauncherRun status = LauncherRun.of(environment(files), "status", "--check");
		assertThat(status.code()).isEqualTo(1);
		assertThat(status.out()).contains("failed: 1", "V4 fails").doesNotContain("migrate would refuse");
	}

	@Test
	void aMigrationANewerBuildAppliedOutOfOrderIsOneStatusReports() {
		// A newer build applied V3_5 out of order and this build does not have it: migrate
		// (validate) would refuse it, so status says so (readiness stays up: ReadinessProcessTests).
		MigrationFiles newer = new MigrationFiles(this.folder).add("4", "four", "CREATE TABLE four (id int);");
		Map<String, String> newerBuild = environment(newer);
		assertThat(LauncherRun.of(newerBuild, "migrate").code()).isZero();
		newer.add("3_5", "late", "CREATE TABLE late (id int);");
		newerBuild.put("SPRING_FLYWAY_OUT_OF_ORDER", "true");
		assertThat(LauncherRun.of(newerBuild, "migrate").code()).isZero();
		try {
			Files.delete(this.folder.resolve("V3_5__late.sql"));
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		LauncherRun status = LauncherRun.of(environment(newer), "status", "--check");
		assertThat(status.code()).isEqualTo(1);
		assertThat(status.out()).contains("V3.5 late: it was applied, but its file is not in this build");
	}

}
