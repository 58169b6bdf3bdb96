package io.schemagate.migration.batch;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreMigrationType;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.extensibility.MigrationType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.migration.FlywayInternals;

/**
 * Whether the batch applies a run, read from the files and Flyway's configuration alone:
 * no database (Flyway's info is played by a stand-in). BatchMigrationTests proves each
 * verdict against PostgreSQL.
 */
class BatchPlanTests {

	@TempDir
	Path folder;

	private FluentConfiguration configuration() {
		return Flyway.configure().locations("filesystem:" + this.folder);
	}

	private MigrationInfo file(String version, String description, String sql) throws IOException {
		String script = "V" + version + "__" + description + ".sql";
		Files.writeString(this.folder.resolve(script), sql);
		return migration(version, description, script, CoreMigrationType.SQL, MigrationState.PENDING,
				FlywayInternals.checksum(sql));
	}

	private static MigrationInfo migration(String version, String description, String script, MigrationType type,
			MigrationState state, Integer checksum) {
		Map<String, Object> values = new java.util.HashMap<>(Map.of("getVersion", MigrationVersion.fromVersion(version),
				"getDescription", description, "getScript", script, "getType", type, "getState", state));
		values.put("getChecksum", checksum);
		return (MigrationInfo) Proxy.newProxyInstance(BatchPlanTests.class.getClassLoader(),
				new Class<?>[] { MigrationInfo.class }, (proxy, method, args) -> switch (method.getName()) {
					case "isVersioned" -> true;
					case "isRepeatable" -> false;
					case "compareTo", "compareVersion" -> 0;
					case "equals" -> proxy == args[0];
					case "hashCode" -> System.identityHashCode(proxy);
					case "toString" -> script;
					default -> (method.getReturnType() == boolean.class) ? false : values.get(method.getName());
				});
	}

	/** Flyway's info of a run: {@code pending}, after {@code applied}. */
	private static MigrationInfoService info(MigrationInfo[] applied, MigrationInfo... pending) {
		MigrationInfo[] all = java.util.stream.Stream.concat(Arrays.stream(applied), Arrays.stream(pending))
			.toArray(MigrationInfo[]::new);
		return (MigrationInfoService) Proxy.newProxyInstance(BatchPlanTests.class.getClassLoader(),
				new Class<?>[] { MigrationInfoService.class }, (proxy, method, args) -> switch (method.getName()) {
					case "pending" -> pending;
					case "all" -> all;
					case "applied" -> applied;
					default -> null;
				});
	}

	private static MigrationInfoService info(MigrationInfo... pending) {
		return info(new MigrationInfo[0], pending);
	}

	@Test
	void plainSqlFilesAreBatchedInFlywaysOrder() throws IOException {
		MigrationInfo first = file("1", "first", "CREATE TABLE first (id int);\n");
		MigrationInfo second = file("2", "second", "CREATE TABLE second (id int);\n");
		BatchPlan plan = BatchPlan.of(configuration(), info(first, second));
		assertThat(plan.verdict()).isEqualTo(new BatchVerdict(BatchVerdict.Outcome.BATCH, null, null));
		assertThat(plan.steps()).extracting(BatchPlan.Step::migration).containsExactly(first, second);
		assertThat(plan.steps().get(1).sql()).isEqualTo("CREATE TABLE second (id int);\n");
	}

	@Test
	void aFileThatCannotBeSentAsItIsLeavesTheRunToFlywayInOneTransaction() throws IOException {
		BatchVerdict verdict = BatchPlan.of(configuration(), info(file("1", "first", "CREATE TABLE a (id int);"),
				file("2", "role", "SET ROLE postgres;"))).verdict();
		assertThat(verdict.outcome()).isEqualTo(BatchVerdict.Outcome.FLYWAY_IN_ONE_TRANSACTION);
		assertThat(verdict.reason()).startsWith("V2 role may change the session's role");
		assertThat(verdict.byFlyway()).isEqualTo("one migration after another in one transaction");
	}

	@Test
	void aFileChangedSinceFlywayResolvedItIsNotSent() throws IOException {
		MigrationInfo resolved = file("1", "changed", "CREATE TABLE a (id int);");
		Files.writeString(this.folder.resolve("V1__changed.sql"), "CREATE TABLE b (id int);");
		assertThat(BatchPlan.of(configuration(), info(resolved)).verdict().reason())
			.isEqualTo("the file of V1 changed could not be read as Flyway resolved it");
	}

	@Test
	void aScriptConfigurationOrACallbackAroundEachMigrationIsLeftToFlyway() throws IOException {
		MigrationInfo first = file("1", "first", "CREATE TABLE a (id int);");
		Files.writeString(this.folder.resolve("V1__first.sql.conf"), "executeInTransaction=true\n");
		assertThat(BatchPlan.of(configuration(), info(first)).verdict().reason())
			.isEqualTo("V1 first has a script configuration (.conf)");
		Files.delete(this.folder.resolve("V1__first.sql.conf"));
		Files.writeString(this.folder.resolve("beforeEachMigrate__audit.sql"), "SELECT 1;");
		assertThat(BatchPlan.of(configuration(), info(first)).verdict().reason())
			.isEqualTo("the callback beforeEachMigrate__audit.sql runs around migrations");
	}

	@Test
	void aJavaCallbackOfAnotherCodebaseIsLeftToFlyway() throws IOException {
		Callback theirs = new Callback() {

			@Override
			public boolean supports(Event event, Context context) {
				return true;
			}

			@Override
			public boolean canHandleInTransaction(Event event, Context context) {
				return true;
			}

			@Override
			public void handle(Event event, Context context) {
			}

			@Override
			public String getCallbackName() {
				return "theirs";
			}

		};
		// An anonymous class of this test is in our package; one from elsewhere is a JDK proxy.
		Callback foreign = (Callback) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Callback.class },
				(proxy, method, args) -> method.invoke(theirs, args));
		assertThat(BatchPlan.of(configuration().callbacks(foreign), info(file("1", "first", "SELECT 1;"))).verdict()
			.reason()).startsWith("the Java callback ").endsWith(" may run around each migration");
	}

	@Test
	void settingsTheBatchCannotHonourLeaveTheRunToFlyway() throws IOException {
		MigrationInfo first = file("1", "first", "SELECT 1;");
		assertThat(BatchPlan.of(configuration().target("next"), info(first)).verdict().reason())
			.startsWith("the target is ");
		assertThat(BatchPlan.of(configuration().detectEncoding(true), info(first)).verdict().reason())
			.isEqualTo("Flyway is set to detect each file's encoding");
		assertThat(BatchPlan.of(configuration().skipExecutingMigrations(true), info(first)).verdict().reason())
			.isEqualTo("Flyway is set to skip migrations or to run them outside transactions");
	}

	@Test
	void aMigrationThatIsNoSqlFileOrAFailedRowLeavesTheRunToFlyway() throws IOException {
		MigrationInfo java = migration("1", "in_java", "db.migration.V1__in_java", CoreMigrationType.JDBC,
				MigrationState.PENDING, null);
		assertThat(BatchPlan.of(configuration(), info(java)).verdict().reason())
			.isEqualTo("V1 in_java is a JDBC migration, not a SQL file");
		MigrationInfo failed = migration("1", "broken", "V1__broken.sql", CoreMigrationType.SQL, MigrationState.FAILED, 1);
		assertThat(BatchPlan.of(configuration(), info(new MigrationInfo[] { failed }, file("2", "next", "SELECT 1;")))
			.verdict()
			.reason()).isEqualTo("the history has a failed migration (V1 broken)");
	}

}
