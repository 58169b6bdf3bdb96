package io.schemagate.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fresh, empty database on the test server, so that every test starts from nothing
 * and tests cannot see each other's schemas.
 */
public final class TestDatabase {

	private static final AtomicInteger counter = new AtomicInteger();

	private final TestPostgres.Server server;

	private final String name;

	private TestDatabase(TestPostgres.Server server, String name) {
		this.server = server;
		this.name = name;
	}

	/** A database that exists already on a server of the test's own (a {@link StoppableServer}). */
	public static TestDatabase on(int port, String name) {
		return new TestDatabase(new TestPostgres.Server("127.0.0.1", port), name);
	}

	/** Create an empty database. */
	public static TestDatabase create() {
		TestPostgres.Server server = TestPostgres.server();
		String name = "test_" + ProcessHandle.current().pid() + "_" + counter.incrementAndGet();
		TestDatabase admin = new TestDatabase(server, "postgres");
		admin.execute("CREATE DATABASE " + name);
		return new TestDatabase(server, name);
	}

	public String name() {
		return this.name;
	}

	public String host() {
		return this.server.host();
	}

	public int port() {
		return this.server.port();
	}

	/** The libpq form users put in DATABASE_URL, with the admin's password in it. */
	public String url() {
		return "postgresql://" + TestPostgres.ADMIN_USER + ":" + TestPostgres.ADMIN_PASSWORD + "@" + host() + ":"
				+ port() + "/" + this.name;
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://" + host() + ":" + port() + "/" + this.name;
	}

	/** The environment of a launcher pointed at this database. */
	public Map<String, String> environment() {
		Map<String, String> environment = new HashMap<>();
		environment.put("DATABASE_URL", url());
		return environment;
	}

	public Connection connect() throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", TestPostgres.ADMIN_USER);
		properties.setProperty("password", TestPostgres.ADMIN_PASSWORD);
		return DriverManager.getConnection(jdbcUrl(), properties);
	}

	public void execute(String sql) {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql + ": " + ex.getMessage(), ex);
		}
	}

	/** Every value of the first column, as text. */
	public List<String> queryColumn(String sql) {
		try (Connection connection = connect();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			List<String> values = new ArrayList<>();
			while (result.next()) {
				values.add(result.getString(1));
			}
			return values;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql + ": " + ex.getMessage(), ex);
		}
	}

	/** Whether another session is running a statement that contains {@code fragment}, e.g. {@code pg_sleep(60)}. */
	public boolean isRunning(String fragment) {
		return !queryColumn("SELECT pid FROM pg_stat_activity WHERE query LIKE '%" + fragment.replace("'", "''")
				+ "%' AND pid <> pg_backend_pid()").isEmpty();
	}

	public boolean hasTable(String table) {
		return !queryColumn("SELECT 1 FROM information_schema.tables WHERE table_schema = 'public' AND table_name = '"
				+ table + "'")
			.isEmpty();
	}

	/** The versions Flyway recorded as applied, oldest first; empty without a history table. */
	public List<String> appliedVersions() {
		if (!hasTable("flyway_schema_history")) {
			return List.of();
		}
		return queryColumn(
				"SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank");
	}

	/**
	 * A fingerprint of everything in the database outside the system catalogs: every
	 * schema, every relation with its storage file, and every table's rows. Equal
	 * fingerprints mean nothing was created, dropped, rewritten or written.
	 */
	public String snapshot() {
		StringBuilder snapshot = new StringBuilder();
		snapshot.append(queryColumn("SELECT string_agg(nspname, ',' ORDER BY nspname) FROM pg_namespace"));
		snapshot.append(queryColumn("SELECT string_agg(c.relname || ':' || c.relkind::text || ':' || c.relfilenode::text, ','"
				+ " ORDER BY c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
				+ " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"));
		for (String table : queryColumn("SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables"
				+ " WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1")) {
			snapshot.append(table).append('=').append(
					queryColumn("SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM " + table + " t"));
		}
		return snapshot.toString();
	}

	/** Rows per version in the history, to prove each migration ran exactly once. */
	public Map<String, Integer> historyRowsPerVersion() {
		Map<String, Integer> rows = new HashMap<>();
		for (String version : queryColumn("SELECT version FROM flyway_schema_history WHERE version IS NOT NULL")) {
			rows.merge(version, 1, Integer::sum);
		}
		return rows;
	}

}
