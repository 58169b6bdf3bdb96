package io.schemagate.postdeploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.support.FaultReport;
import io.schemagate.support.Json;
import io.schemagate.support.LauncherRun;
import io.schemagate.support.MigrationFiles;
import io.schemagate.support.TestDatabase;

/**
 * Post-deploy migrations (expand, deploy, contract) against a real PostgreSQL: release 1
 * adds a column the release before never used and stops using {@code note}; its
 * post-deploy migration drops {@code note} once release 1 serves everywhere.
 */
@ExtendWith(FaultReport.class)
class PostDeployMigrationTests {

	@TempDir
	Path folder;

	private final TestDatabase database = TestDatabase.create();

	private MigrationFiles regular;

	private MigrationFiles postDeploy;

	private Map<String, String> environment;

	@BeforeEach
	void releaseOne() throws IOException {
		this.regular = new MigrationFiles(Files.createDirectory(this.folder.resolve("regular")))
			.add("4", "add_note", "ALTER TABLE expenses ADD COLUMN note text;");
		this.postDeploy = new MigrationFiles(Files.createDirectory(this.folder.resolve("post")))
			.add("5", "drop_note", "ALTER TABLE expenses DROP COLUMN note;");
		this.environment = this.regular.environment(this.database);
		this.environment.put("POST_MIGRATION_LOCATIONS", this.postDeploy.alone());
	}

	private LauncherRun run(String... args) {
		return LauncherRun.of(this.environment, args);
	}

	private boolean hasNote() {
		return !this.database
			.queryColumn("SELECT 1 FROM information_schema.columns WHERE table_name = 'expenses' AND column_name = 'note'")
			.isEmpty();
	}

	/** Release 1 migrated and migrated --post, then a regular V6 ({@code sql}) migrated on top. */
	private void releaseOneThenRegular(String description, String sql) {
		assertThat(run("migrate").code()).isZero();
		assertThat(run("migrate", "--post").code()).isZero();
		this.regular.add("6", description, sql);
		assertThat(run("migrate").code()).isZero();
	}

	private List<String> postDeployVersions() {
		return this.database.queryColumn("SELECT version FROM flyway_schema_history_post WHERE type <> 'BASELINE'"
				+ " ORDER BY installed_rank");
	}

	@Test
	void migrateAppliesTheRegularSetAndMigratePostTheRest() {
		LauncherRun migrate = run("migrate");
		assertThat(migrate.code()).as(migrate.err()).isZero();
		assertThat(migrate.out()).contains("applied 4 migrations (schema empty -> 4)",
				"post-deploy migrations pending: V5 drop_note; run 'migrate --post' once every replica runs this release");
		assertThat(hasNote()).isTrue();
		assertThat(this.database.appliedVersions()).containsExactly("1", "2", "3", "4");

		LauncherRun post = run("migrate", "--post", "--json");
		assertThat(post.code()).as(post.err()).isZero();
		JsonNode summary = Json.read(post.out());
		assertThat(summary.get("set").asText()).isEqualTo("post-deploy");
		assertThat(summary.get("applied").asInt()).isEqualTo(1);
		JsonNode from = summary.path("from_version");
		assertThat(from.isNull() || from.isMissingNode()).as("the history's own baseline row is not a version").isTrue();
		assertThat(hasNote()).isFalse();
		assertThat(postDeployVersions()).containsExactly("5");
		// Flyway's regular history never sees a post-deploy version.
		assertThat(this.database.appliedVersions()).containsExactly("1", "2", "3", "4");

		LauncherRun again = run("migrate", "--post");
		assertThat(again.out()).startsWith("post-deploy migrations: nothing to apply: post-deploy history is at version 5");
	}

	@Test
	@FaultReport.Scenario(value = "migrate --post while regular migrations of the build are pending",
			expected = "exit 65 naming them, nothing applied")
	void migratePostRefusesWhileRegularMigrationsArePending() {
		String before = this.database.snapshot();
		LauncherRun post = run("migrate", "--post");
		assertThat(post.code()).isEqualTo(65);
		assertThat(post.err()).contains("regular migrations of this build are pending",
				"run 'migrate', roll the release out, then 'migrate --post'");
		assertThat(this.database.snapshot()).isEqualTo(before);
		FaultReport.observed("exit 65: regular migrations of this build are pending; nothing applied");
	}

	@Test
	void statusCheckAndTheRegularSetAreCurrentWhileOnlyPostDeployMigrationsWait() {
		assertThat(run("migrate").code()).isZero();
		LauncherRun check = run("status", "--check", "--json");
		assertThat(check.code()).as(check.out()).isZero();
		JsonNode status = Json.read(check.out());
		assertThat(status.get("set").asText()).isEqualTo("regular");
		assertThat(status.get("up_to_date").asBoolean()).isTrue();
		assertThat(status.get("post_deploy").get("up_to_date").asBoolean()).isFalse();
		assertThat(status.get("post_deploy").get("pending").get(0).get("version").asText()).isEqualTo("5");
		assertThat(run("status").out()).contains("post-deploy migrations (migrate --post, after the rollout):",
				"V5 drop_note", "readiness and 'status --check' do not wait for these");
	}

	@Test
	@FaultReport.Scenario(value = "post-deploy migrations of release 1 never applied when release 2 migrates",
			expected = "migrate applies them first, then release 2's regular ones; release 2's post-deploy ones wait")
	void anEarlierReleasesPostDeployMigrationsLeftPendingApplyBeforeTheNextReleasesRegularOnes() {
		assertThat(run("migrate").code()).isZero();
		// Release 1 is rolled out, but nobody ran migrate --post. Release 2 was written on a
		// schema without note: it adds a note of another type, and will drop category later.
		this.regular.add("6", "add_note_as_number", "ALTER TABLE expenses ADD COLUMN note integer;");
		this.postDeploy.add("7", "drop_category", "ALTER TABLE expenses DROP COLUMN category;");
		// lint judges them in migrate's order: V6 traced after V5 dropped note, so it applies.
		LauncherRun lint = run("lint", "--json", "--fail-on", "never");
		assertThat(lint.code()).as(lint.err()).isZero();
		assertThat(Json.read(lint.out()).get("migrations")).extracting((migration) -> migration.get("version").asText())
			.containsExactly("5", "6", "7");
		assertThat(lint.out()).doesNotContain("statement-failed");
		LauncherRun migrate = run("migrate", "--json");
		assertThat(migrate.code()).as(migrate.err()).isZero();
		JsonNode summary = Json.read(migrate.out());
		assertThat(summary.get("earlier_post_deploy").get("applied").asInt()).isEqualTo(1);
		assertThat(summary.get("applied").asInt()).isEqualTo(1);
		assertThat(summary.get("post_deploy_pending").toString()).contains("V7 drop_category");
		assertThat(postDeployVersions()).containsExactly("5");
		assertThat(this.database.queryColumn("SELECT data_type FROM information_schema.columns"
				+ " WHERE table_name = 'expenses' AND column_name = 'note'")).containsExactly("integer");
		assertThat(this.database.queryColumn("SELECT 1 FROM information_schema.columns"
				+ " WHERE table_name = 'expenses' AND column_name = 'category'")).hasSize(1);
		FaultReport.observed("V5 (release 1's) applied first, then V6; V7 (release 2's) still pending");
	}

	@Test
	void aSecondMigrateOfTheSameReleaseLeavesItsPostDeployMigrationsPending() {
		assertThat(run("migrate").code()).isZero();
		LauncherRun again = run("migrate");
		assertThat(again.code()).isZero();
		assertThat(again.out()).startsWith("nothing to apply: schema is at version 4");
		assertThat(hasNote()).isTrue();
		assertThat(this.database.hasTable("flyway_schema_history_post")).isFalse();
	}

	@Test
	void planShowsWhatMigrateAndMigratePostWouldApply() {
		LauncherRun plan = run("plan", "--json");
		assertThat(plan.code()).as(plan.err()).isZero();
		JsonNode report = Json.read(plan.out());
		assertThat(report.get("steps")).hasSize(4);
		assertThat(report.get("post_deploy").get("set").asText()).isEqualTo("post-deploy");
		assertThat(report.get("post_deploy").get("steps").get(0).get("script").asText()).isEqualTo("V5__drop_note.sql");
		assertThat(run("plan").out()).contains("migrate --post would apply 1 migration(s)",
				"ALTER TABLE expenses DROP COLUMN note;");
	}

	@Test
	void historyListsBothSetsInTheOrderTheyWereApplied() {
		releaseOneThenRegular("add_total", "ALTER TABLE expenses ADD COLUMN total numeric;");
		JsonNode applied = Json.read(run("history", "--json").out()).get("applied");
		assertThat(applied).hasSize(6);
		assertThat(applied.get(4).get("version").asText()).isEqualTo("5");
		assertThat(applied.get(4).get("set").asText()).isEqualTo("post-deploy");
		assertThat(applied.get(5).get("version").asText()).isEqualTo("6");
		assertThat(applied.get(5).get("set").asText()).isEqualTo("regular");
		assertThat(run("history").out()).contains("ok, post-deploy");
	}

	@Test
	@FaultReport.Scenario(value = "a post-deploy migration edited after it was applied",
			expected = "validate exits 65 naming it in the post-deploy set; repair realigns it")
	void validateAndRepairCoverThePostDeployHistory() {
		assertThat(run("migrate").code()).isZero();
		assertThat(run("migrate", "--post").code()).isZero();
		assertThat(run("validate").code()).isZero();
		this.postDeploy.add("5", "drop_note", "ALTER TABLE expenses DROP COLUMN IF EXISTS note;");
		LauncherRun validate = run("validate", "--json");
		assertThat(validate.code()).isEqualTo(65);
		JsonNode report = Json.read(validate.out());
		assertThat(report.get("mismatches")).isEmpty();
		assertThat(report.get("post_deploy").get("mismatches").get(0).toString()).contains("5");
		LauncherRun repair = run("repair");
		assertThat(repair.code()).as(repair.err()).isZero();
		assertThat(repair.out()).contains("post-deploy migrations", "realigned");
		assertThat(run("validate").code()).isZero();
		FaultReport.observed("validate 65 with the mismatch under postDeploy; repair realigned V5; validate 0");
	}

	@Test
	void validateSchemaReplaysBothSetsInTheOrderTheTargetAppliedThem() {
		// Only in this order does it work: a regular migration re-adds what a post-deploy one dropped.
		releaseOneThenRegular("add_note_as_number", "ALTER TABLE expenses ADD COLUMN note integer;");
		String before = this.database.snapshot();
		LauncherRun drift = run("validate", "--schema");
		assertThat(drift.code()).as(drift.out() + drift.err()).isZero();
		assertThat(drift.out()).startsWith("no drift");
		assertThat(this.database.snapshot()).isEqualTo(before);
	}

	@Test
	void lintSaysToMoveABreakingChangeToAPostDeployMigrationAndCallsItInfoThere() {
		this.regular.add("6", "drop_description", "ALTER TABLE expenses DROP COLUMN description;");
		// A table the release serving uses: made before the migrations lint judges.
		this.environment.put("SPRING_FLYWAY_TARGET", "3");
		assertThat(run("migrate").code()).isZero();
		this.environment.remove("SPRING_FLYWAY_TARGET");
		LauncherRun lint = run("lint", "--json", "--fail-on", "never");
		assertThat(lint.code()).as(lint.err()).isZero();
		JsonNode migrations = Json.read(lint.out()).get("migrations");
		JsonNode regularDrop = finding(migrations, "6", "drop-column");
		assertThat(regularDrop.get("severity").asText()).isEqualTo("warning");
		assertThat(regularDrop.get("fix").asText()).startsWith("move it to a post-deploy migration");
		JsonNode postDrop = finding(migrations, "5", "drop-column");
		assertThat(postDrop.get("severity").asText()).isEqualTo("info");
		assertThat(postDrop.get("message").asText()).contains("a post-deploy migration");
		assertThat(postDrop.get("fix").asText()).startsWith("none, if the release before this one no longer uses it");
		assertThat(run("lint").out()).contains("V5 drop_note (V5__drop_note.sql, post-deploy)");
	}

	private static JsonNode finding(JsonNode migrations, String version, String code) {
		for (JsonNode migration : migrations) {
			if (migration.get("version").asText().equals(version)) {
				for (JsonNode finding : migration.get("findings")) {
					if (finding.get("code").asText().equals(code)) {
						return finding;
					}
				}
			}
		}
		throw new AssertionError("no " + code + " finding for V" + version + " in " + migrations);
	}

	@Test
	@FaultReport.Scenario(value = "undo of a regular migration under a post-deploy migration applied after it",
			expected = "exit 65, nothing undone, naming the post-deploy one and 'undo --post'; undo --post undoes it")
	void aRegularUndoWaitsForThePostDeployMigrationsAppliedAfterIt() {
		this.regular.write("U4__add_note.sql", "ALTER TABLE expenses DROP COLUMN note;");
		this.postDeploy.write("U5__drop_note.sql", "ALTER TABLE expenses ADD COLUMN note text;");
		assertThat(run("migrate").code()).isZero();
		assertThat(run("migrate", "--post").code()).isZero();
		String before = this.database.snapshot();
		LauncherRun undo = run("undo");
		assertThat(undo.code()).isEqualTo(65);
		assertThat(undo.err()).contains("post-deploy migration(s) [V5 drop_note] were applied after V4 add_note",
				"'undo --post'");
		assertThat(this.database.snapshot()).isEqualTo(before);
		LauncherRun undoPost = run("undo", "--post");
		assertThat(undoPost.code()).as(undoPost.err()).isZero();
		assertThat(undoPost.out()).startsWith("undone 1 migration (post-deploy history 5 -> empty)");
		assertThat(hasNote()).isTrue();
		assertThat(postDeployVersions()).isEmpty();
		assertThat(run("status").out()).contains("post-deploy history version: empty");
		assertThat(run("history").out()).containsPattern("undone 5 .*\\(U5__drop_note.sql, post-deploy\\)");
		LauncherRun undoRegular = run("undo");
		assertThat(undoRegular.code()).as(undoRegular.err()).isZero();
		assertThat(hasNote()).isFalse();
		assertThat(this.database.appliedVersions()).containsExactly("1", "2", "3");
		FaultReport.observed("undo 65 naming V5 and 'undo --post'; undo --post then undo: schema at 3");
	}

	@Test
	void verifyUndoPostProvesThePostDeployUndoScriptsOnTheRegularSchema() {
		// U5 brings note back as it was: proven on a scratch database where V1..V4 made it.
		this.postDeploy.write("U5__drop_note.sql", "ALTER TABLE expenses ADD COLUMN note text;");
		// On a target released in full: its post-deploy history holds its own baseline row.
		assertThat(run("migrate").code()).isZero();
		assertThat(run("migrate", "--post").code()).isZero();
		String before = this.database.snapshot();
		LauncherRun proof = run("verify-undo", "--post", "--json");
		assertThat(proof.code()).as(proof.err()).isZero();
		JsonNode report = Json.read(proof.out());
		assertThat(report.get("proven").asInt()).isEqualTo(1);
		assertThat(report.get("migrations")).as("the baseline row is no migration to prove").hasSize(1);
		assertThat(report.get("set").asText()).isEqualTo("post-deploy");
		assertThat(report.get("migrations").get(0).get("version").asText()).isEqualTo("5");
		// An undo that brings it back with another type does not round-trip.
		this.postDeploy.write("U5__drop_note.sql", "ALTER TABLE expenses ADD COLUMN note integer;");
		LauncherRun differs = run("verify-undo", "--post");
		assertThat(differs.code()).isEqualTo(1);
		assertThat(differs.out()).contains("DIFFERS", "note",
				"verify-undo --post (post-deploy): 0 round-trip(s), 1 differ");
		assertThat(this.database.snapshot()).as("the target is not touched").isEqualTo(before);
	}

	@Test
	@FaultReport.Scenario(value = "POST_MIGRATION_LOCATIONS names a regular location, one inside it, or no location",
			expected = "exit 78 naming the setting and what is allowed")
	void postMigrationLocationsMustBeLocationsOfTheirOwn() {
		this.environment.put("POST_MIGRATION_LOCATIONS", this.regular.alone());
		LauncherRun same = run("status");
		assertThat(same.code()).isEqualTo(78);
		assertThat(same.err()).contains("POST_MIGRATION_LOCATIONS: " + this.regular.alone()
				+ " is also a regular migration location");
		// A folder inside a regular one: Flyway reads sub-folders, so its files would be in both sets.
		String inside = "filesystem:" + this.folder.resolve("regular").resolve("post");
		this.environment.put("POST_MIGRATION_LOCATIONS", inside);
		LauncherRun nested = run("status");
		assertThat(nested.code()).isEqualTo(78);
		assertThat(nested.err()).contains("POST_MIGRATION_LOCATIONS: " + inside
				+ " is inside the regular migration location");
		this.environment.put("POST_MIGRATION_LOCATIONS", "db/post migration");
		LauncherRun invalid = run("status");
		assertThat(invalid.code()).isEqualTo(78);
		assertThat(invalid.err()).contains("POST_MIGRATION_LOCATIONS: 'db/post migration' is not allowed");
		FaultReport.observed("exit 78 naming POST_MIGRATION_LOCATIONS each time (same, nested, invalid)");
	}

	@Test
	void aBuildWithoutPostDeployMigrationsReportsAsBefore() {
		this.environment.put("POST_MIGRATION_LOCATIONS", "filesystem:" + this.folder.resolve("none"));
		LauncherRun migrate = run("migrate", "--json");
		assertThat(migrate.code()).isZero();
		assertThat(Json.read(migrate.out()).get("post_deploy_pending")).isEmpty();
		JsonNode status = Json.read(run("status", "--json").out());
		assertThat(status.path("post_deploy").isNull() || status.path("post_deploy").isMissingNode()).isTrue();
		assertThat(run("migrate", "--post").out()).contains("nothing to apply (this build has none");
		assertThat(this.database.hasTable("flyway_schema_history_post")).isFalse();
	}

}
