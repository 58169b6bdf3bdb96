package io.schemagate.migration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.support.FaultReport;
import io.schemagate.support.LauncherProcess;
import io.schemagate.support.MigrationFiles;
import io.schemagate.support.StoppableServer;
import io.schemagate.support.TestDatabase;

/**
 * The database goes away while a migration runs: what the server rolled back is applied
 * again once it is back; what it could not roll back, or a database that does not come
 * back, ends in exit 69 with what to do. Never "fix the migration" (65).
 */
@ExtendWith(FaultReport.class)
class LostConnectionProcessTests {

	private static final Duration LIMIT = Duration.ofSeconds(120);

	@TempDir
	Path folder;

	private Map<String, String> environment(String url, MigrationFiles files) {
		return new java.util.HashMap<>(Map.of("DATABASE_URL", url, "SPRING_FLYWAY_LOCATIONS", files.locations()));
	}

	private static void awaitRunning(TestDatabase database, LauncherProcess process, String fragment) {
		process.awaitCondition(LIMIT, () -> database.isRunning(fragment), "running " + fragment);
	}

	private static long stackTraceLines(String log) {
		return log.lines().filter((line) -> line.startsWith("\tat ") || line.startsWith("Caused by:")).count();
	}

	@Test
	@FaultReport.Scenario(value = "the migration's session is terminated (pg_terminate_backend) mid-migration",
			expected = "the server rolled it back: migrate waits for the database, applies it again, exit 0, one row")
	void aTerminatedSessionIsWaitedForAndTheMigrationAppliedAgain() {
		TestDatabase database = LauncherProcess.migratedDatabase();
		MigrationFiles files = new MigrationFiles(this.folder).add("4", "slow",
				"CREATE TABLE slow_made (id int);\nSELECT pg_sleep(3);");
		try (LauncherProcess migrate = LauncherProcess.start(environment(database.url(), files), "migrate")) {
			awaitRunning(database, migrate, "pg_sleep(3)");
			database.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(3)%'"
					+ " AND pid <> pg_backend_pid()");
			assertThat(migrate.waitForExit(LIMIT)).as(migrate.output()).isZero();
			assertThat(migrate.stderr()).contains("lost the database connection during V4 slow (rolled back by the"
					+ " server): FATAL: terminating connection due to administrator command; waiting for the database");
			assertThat(migrate.stdout()).startsWith("applied 1 migration (schema 3 -> 4)");
			assertThat(stackTraceLines(migrate.stderr())).as(migrate.stderr()).isZero();
		}
		assertThat(database.historyRowsPerVersion()).containsEntry("4", 1);
		assertThat(database.hasTable("slow_made")).isTrue();
		FaultReport.observed("exit 0 after one wait; V4 applied once; no stack trace in the log");
	}

	@Test
	@FaultReport.Scenario(value = "stack traces of a lost connection mid-migration",
			expected = "one line each by default (tested in every scenario here); the stack traces with LOGGING_LEVEL_IO_SCHEMAGATE=debug")
	void atDebugLevelTheLogKeepsTheStackTraces() {
		TestDatabase database = LauncherProcess.migratedDatabase();
		MigrationFiles files = new MigrationFiles(this.folder).add("4", "slow", "SELECT pg_sleep(3);");
		Map<String, String> environment = environment(database.url(), files);
		environment.put("LOGGING_LEVEL_IO_SCHEMAGATE", "debug");
		try (LauncherProcess migrate = LauncherProcess.start(environment, "migrate")) {
			awaitRunning(database, migrate, "pg_sleep(3)");
			database.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(3)%'"
					+ " AND pid <> pg_backend_pid()");
			assertThat(migrate.waitForExit(LIMIT)).as(migrate.output()).isZero();
			assertThat(stackTraceLines(migrate.stderr())).isPositive();
		}
		FaultReport.observed("stack traces present at debug, absent by default");
	}

	@Test
	@FaultReport.Scenario(value = "the server restarts during a migration, and a second migrator waits for the lock",
			expected = "both wait for the database; the migration is applied once, both exit 0; one-line logs")
	void aServerRestartDuringAMigrationIsWaitedForByTheMigratorAndTheOneWaitingForTheLock() {
		try (StoppableServer server = new StoppableServer()) {
			server.start();
			MigrationFiles files = new MigrationFiles(this.folder).add("4", "slow",
					"CREATE TABLE slow_made (id int);\nSELECT pg_sleep(4);");
			Map<String, String> environment = environment(server.url(), files);
			environment.put("DB_WAIT_TIMEOUT", "60s");
			try (LauncherProcess first = LauncherProcess.start(environment, "migrate");
					LauncherProcess second = LauncherProcess.start(environment, "migrate")) {
				LauncherProcess.await(LIMIT, () -> first.stderr().contains("applying V4 slow")
						|| second.stderr().contains("applying V4 slow"), () -> "applying V4");
				LauncherProcess.await(LIMIT, () -> first.stderr().contains("waiting for the migration lock")
						|| second.stderr().contains("waiting for the migration lock"), () -> "the other waiting");
				server.stop();
				LauncherProcess.sleep(Duration.ofSeconds(2));
				server.start();
				assertThat(first.waitForExit(LIMIT)).as(first.output()).isZero();
				assertThat(second.waitForExit(LIMIT)).as(second.output()).isZero();
				String logs = first.stderr() + second.stderr();
				assertThat(logs).contains("lost the database connection during V4 slow (rolled back by the server)")
					.contains("lost the database connection during the run");
				assertThat(stackTraceLines(logs)).as(logs).isZero();
				FaultReport.observed("both exit 0; the migrator and the waiter each waited for the database; "
						+ "no stack trace in " + logs.lines().count() + " log lines");
			}
			TestDatabase history = TestDatabase.on(server.port(), "postgres");
			assertThat(history.historyRowsPerVersion()).containsOnly(Map.entry("1", 1), Map.entry("2", 1),
					Map.entry("3", 1), Map.entry("4", 1));
		}
	}

	@Test
	@FaultReport.Scenario(value = "the server goes away mid-migration and does not come back",
			expected = "exit 69 after DB_WAIT_TIMEOUT saying the migration was rolled back and to run migrate again")
	void aServerThatDoesNotComeBackEndsIn69() {
		try (StoppableServer server = new StoppableServer()) {
			server.start();
			MigrationFiles files = new MigrationFiles(this.folder).add("4", "slow", "SELECT pg_sleep(30);");
			Map<String, String> environment = environment(server.url(), files);
			environment.put("DB_WAIT_TIMEOUT", "3s");
			try (LauncherProcess migrate = LauncherProcess.start(environment, "migrate")) {
				LauncherProcess.await(LIMIT, () -> migrate.stderr().contains("applying V4 slow"), () -> "applying V4");
				server.stop();
				assertThat(migrate.waitForExit(LIMIT)).as(migrate.output()).isEqualTo(69);
				assertThat(migrate.stderr()).containsPattern("error: lost the database connection during V4 slow \\(.*\\),"
						+ " which the server rolled back, and then database postgres at 127.0.0.1:[0-9]+ as postgres still"
						+ " unreachable after .*; run migrate again once the database is up");
				assertThat(stackTraceLines(migrate.stderr())).isZero();
			}
			FaultReport.observed("exit 69 naming V4 as rolled back; no stack trace");
		}
	}

	@Test
	@FaultReport.Scenario(value = "the connection is lost while CREATE INDEX CONCURRENTLY runs",
			expected = "exit 69: may be partly applied; the next migrate drops the INVALID index and builds it again")
	void aLostConnectionOutsideATransactionEndsIn69AndTheNextMigrateRebuildsTheIndex() throws Exception {
		TestDatabase database = LauncherProcess.migratedDatabase();
		MigrationFiles files = new MigrationFiles(this.folder).add("4", "index_descriptions",
				"CREATE INDEX CONCURRENTLY expenses_description_idx ON expenses (description);");
		Map<String, String> environment = environment(database.url(), files);
		try (java.sql.Connection writer = database.connect(); java.sql.Statement statement = writer.createStatement()) {
			// An open writing transaction: CREATE INDEX CONCURRENTLY waits for it to end.
			writer.setAutoCommit(false);
			statement.execute("INSERT INTO expenses (description, amount, currency, spent_on) VALUES ('w', 1, 'EUR', '2026-01-01')");
			try (LauncherProcess migrate = LauncherProcess.start(environment, "migrate")) {
				awaitRunning(database, migrate, "CREATE INDEX CONCURRENTLY expenses_description_idx");
				database.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE"
						+ " 'CREATE INDEX CONCURRENTLY expenses_description_idx%'");
				assertThat(migrate.waitForExit(LIMIT)).as(migrate.output()).isEqualTo(69);
				assertThat(migrate.stderr()).contains("error: lost the database connection while V4 index_descriptions"
						+ " ran outside a transaction", "it may be partly applied, e.g. an INVALID index");
			}
			writer.rollback();
		}
		assertThat(database.queryColumn("SELECT indisvalid FROM pg_index WHERE indexrelid = 'expenses_description_idx'::regclass"))
			.containsExactly("f");
		FaultReport.observed("exit 69, INVALID index left");
		try (LauncherProcess migrate = LauncherProcess.start(environment, "migrate")) {
			assertThat(migrate.waitForExit(LIMIT)).as(migrate.output()).isZero();
			assertThat(migrate.stderr()).contains("V4 index_descriptions builds index expenses_description_idx, which is"
					+ " INVALID: an earlier CREATE INDEX CONCURRENTLY was interrupted. Dropping it concurrently");
		}
		assertThat(database.queryColumn("SELECT indisvalid FROM pg_index WHERE indexrelid = 'expenses_description_idx'::regclass"))
			.containsExactly("t");
		assertThat(database.historyRowsPerVersion()).containsEntry("4", 1);
		FaultReport.observed("next migrate dropped and rebuilt it: exit 0, index valid, one row");
	}

	@Test
	@FaultReport.Scenario(value = "the first connection gets in, the next one gets 'too many connections' (53300)",
			expected = "waited for like an unreachable database, then exit 69 naming the error")
	void tooManyConnectionsIsWaitedForThen69() {
		TestDatabase database = TestDatabase.create();
		String role = "limited_" + database.name();
		database.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'limited' CONNECTION LIMIT 1");
		database.execute("GRANT ALL ON SCHEMA public TO " + role);
		database.execute("ALTER DATABASE " + database.name() + " OWNER TO " + role);
		Map<String, String> environment = Map.of("DATABASE_URL", "postgresql://" + role + ":limited@" + database.host()
				+ ":" + database.port() + "/" + database.name(), "DB_WAIT_TIMEOUT", "4s");
		long started = System.nanoTime();
		try (LauncherProcess migrate = LauncherProcess.start(environment, "migrate")) {
			assertThat(migrate.waitForExit(LIMIT)).as(migrate.output()).isEqualTo(69);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as(migrate.output())
				.isGreaterThanOrEqualTo(Duration.ofSeconds(4));
			assertThat(migrate.output()).contains("refused a connection (too many connections)")
				.contains("waiting").doesNotContain("lost the database connection");
			assertThat(migrate.stderr()).contains("too many connections for role").contains("error: ");
			assertThat(migrate.stderr().lines().filter((line) -> line.startsWith("error: ")).findFirst().orElseThrow())
				.doesNotContain("migration failed");
		}
		FaultReport.observed("waited DB_WAIT_TIMEOUT (4 s) logging each refusal, then exit 69 naming 'too many connections for role'");
	}

}
