package io.schemagate.launcher;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.schemagate.support.LauncherProcess;
import io.schemagate.support.TestDatabase;

/**
 * The roles of deploy/sql/roles.sql: migrations as the owner, the application as a
 * runtime role that can use the data but not change the schema or the histories.
 */
class LeastPrivilegeProcessTests {

	private static final String OWNER_PASSWORD = "owner-Secret-1";

	private static final String APP_PASSWORD = "app-Secret-2";

	private static final Duration LIMIT = Duration.ofSeconds(90);

	@Test
	void theRuntimeRoleUsesTheDataButCannotChangeTheSchemaOrTheHistories(@TempDir Path post) throws Exception {
		Files.writeString(post.resolve("V1__comment_expenses.sql"), "COMMENT ON TABLE expenses IS 'post-deploy';\n");
		Files.writeString(post.resolve("U1__comment_expenses.sql"), "COMMENT ON TABLE expenses IS NULL;\n");
		TestDatabase database = TestDatabase.create();
		database.execute(rolesScript());
		Map<String, String> environment = Map.of("MIGRATION_DATABASE_URL", url(database, "schemagate_owner", OWNER_PASSWORD),
				"DATABASE_URL", url(database, "schemagate_app", APP_PASSWORD), "POST_MIGRATION_LOCATIONS",
				"filesystem:" + post);
		for (String[] command : List.of(new String[] { "migrate" }, new String[] { "migrate", "--post" })) {
			try (LauncherProcess migrate = LauncherProcess.start(environment, command)) {
				assertThat(migrate.waitForExit(LIMIT)).as(migrate.output()).isZero();
			}
		}
		// An undo records itself in schemagate_undo_history; the owner has no CREATEDB, so a scratch database is given.
		Map<String, String> undoing = new java.util.HashMap<>(environment);
		undoing.put("SHADOW_DATABASE_URL", TestDatabase.create().url());
		for (String[] command : List.of(new String[] { "undo", "--post" }, new String[] { "migrate", "--post" })) {
			try (LauncherProcess run = LauncherProcess.start(undoing, command)) {
				assertThat(run.waitForExit(LIMIT)).as(run.output()).isZero();
			}
		}
		assertThat(database.queryColumn("SELECT tableowner FROM pg_tables WHERE tablename = 'expenses'"))
			.containsExactly("schemagate_owner");

		try (Connection app = connect(database, "schemagate_app", APP_PASSWORD);
				Statement statement = app.createStatement()) {
			statement.execute("INSERT INTO expenses (description, amount, currency, spent_on) VALUES ('ok', 1, 'EUR', '2026-01-01')");
			statement.execute("SELECT count(*) FROM expenses");
			statement.execute("SELECT count(*) FROM flyway_schema_history");
			assertRefused(statement, "DROP TABLE expenses");
			assertRefused(statement, "ALTER TABLE expenses ADD COLUMN sneaky text");
			assertRefused(statement, "CREATE TABLE sneaky (id int)");
			assertRefused(statement, "DELETE FROM flyway_schema_history");
			assertRefused(statement, "UPDATE flyway_schema_history SET success = false");
			// The post-deploy history and the record of releases, as the history.
			for (String table : List.of("flyway_schema_history_post", "schemagate_post_deploy_releases",
					"schemagate_undo_history")) {
				statement.execute("SELECT count(*) FROM " + table);
				assertRefused(statement, "DELETE FROM " + table);
				assertRefused(statement, "TRUNCATE " + table);
			}
			assertRefused(statement, "INSERT INTO schemagate_undo_history (version, script, execution_time)"
					+ " VALUES ('9', 'U9__forged.sql', 1)");
		}

		Map<String, String> runtimeOnly = Map.of("DATABASE_URL", url(database, "schemagate_app", APP_PASSWORD),
				"POST_MIGRATION_LOCATIONS", "filesystem:" + post);
		try (LauncherProcess serve = LauncherProcess.start(runtimeOnly, "serve")) {
			serve.awaitReady(LIMIT);
			int status = serve.request(HttpRequest.newBuilder(serve.uri("/api/expenses"))
				.header("Content-Type", "application/json")
				.POST(BodyPublishers.ofString(
						"{\"description\":\"as app\",\"amount\":2,\"currency\":\"EUR\",\"spent_on\":\"2026-01-02\"}")))
				.statusCode();
			assertThat(status).isEqualTo(201);
		}
		try (LauncherProcess migrate = LauncherProcess.start(runtimeOnly, "status", "--check")) {
			assertThat(migrate.waitForExit(LIMIT)).as(migrate.output()).isZero();
		}
	}

	private static void assertRefused(Statement statement, String sql) {
		assertThatExceptionOfType(SQLException.class).as(sql)
			.isThrownBy(() -> statement.execute(sql))
			.satisfies((ex) -> assertThat(ex.getSQLState()).as(sql).isEqualTo("42501"));
	}

	/** The script as psql runs it: its variables substituted, its meta-commands dropped. */
	private static String rolesScript() throws IOException {
		return Files.readAllLines(Path.of("deploy/sql/roles.sql"))
			.stream()
			.filter((line) -> !line.startsWith("\\"))
			.map((line) -> line.replace(":'owner_password'", "'" + OWNER_PASSWORD + "'")
				.replace(":'app_password'", "'" + APP_PASSWORD + "'"))
			.collect(Collectors.joining("\n"));
	}

	private static String url(TestDatabase database, String user, String password) {
		return "postgresql://" + user + ":" + password + "@" + database.host() + ":" + database.port() + "/"
				+ database.name();
	}

	private static Connection connect(TestDatabase database, String user, String password) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", user);
		properties.setProperty("password", password);
		return DriverManager.getConnection(database.jdbcUrl(), properties);
	}

}
