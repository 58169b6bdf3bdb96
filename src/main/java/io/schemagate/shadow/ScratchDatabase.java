package io.schemagate.shadow;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.schemagate.database.DatabaseTarget;
import io.schemagate.database.DatabaseWaiter;
import io.schemagate.database.SqlErrors;
import io.schemagate.settings.ConfigurationException;

/**
 * The scratch database lint (and undo's proofs) execute on: never the target. Either the
 * one SHADOW_DATABASE_URL names, emptied first (refused when it holds objects lint did
 * not put there), or one made on the target's server with a recognizable name and dropped
 * when closed, also after a failure or SIGTERM (its context closes it); a leftover of a
 * killed run, older than an hour by its name, is dropped by the next one.
 * <p>
 * Over 200 lines: making, emptying, refusing and dropping a scratch database are one
 * life cycle, and every step must leave no target touched.
 */
public final class ScratchDatabase implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ScratchDatabase.class);

	/** The names lint gives the databases it makes: the prefix, the second it was made, a random part. */
	static final String PREFIX = "schemagate_shadow_";

	/** What marks a database as one lint may empty. */
	static final String MARK = "schemagate lint shadow: emptied and rebuilt by every lint";

	/** A made database older than this is a leftover of a run that was killed. */
	static final Duration LEFTOVER_AGE = Duration.ofHours(1);

	private final DatabaseTarget target;

	private final DatabaseTarget server;

	private final boolean made;

	/** The session holding the given shadow's advisory lock for this run; null for a made one. */
	private Connection holder;

	private ScratchDatabase(DatabaseTarget target, DatabaseTarget server, boolean made) {
		this.target = target;
		this.server = server;
		this.made = made;
	}

	/**
	 * A scratch database, ready and empty.
	 * @param given SHADOW_DATABASE_URL's database, or null to make one
	 * @param judged the database being judged: where to make one, and as whom
	 * @param wait how long to wait for the scratch database's server (DB_WAIT_TIMEOUT)
	 * @throws ConfigurationException when the given one holds objects lint did not put
	 * there, or none can be made (no CREATEDB)
	 */
	public static ScratchDatabase open(DatabaseTarget given, DatabaseTarget judged, Duration wait) {
		return open(given, judged, null, wait, Duration.ZERO);
	}

	/** The scratch database the settings give (SHADOW_DATABASE_URL, else one made), checked and held as below. */
	public static ScratchDatabase open(io.schemagate.settings.Settings settings) {
		return open(settings.shadowDatabase(), settings.migrationDatabase(), settings.database(), settings.dbWaitTimeout(),
				settings.migrationLockWait());
	}

	/**
	 * A scratch database, ready and empty, never one of the judged databases (as their
	 * servers say), and a given one held for this run alone: another lint, undo or
	 * verify-undo on the same SHADOW_DATABASE_URL waits for it up to {@code lockWait}.
	 * @param also the other judged database (DATABASE_URL's, when judged is MIGRATION_DATABASE_URL's), or null
	 * @throws ConfigurationException when the given one is a judged database, or holds
	 * objects lint did not put there, or none can be made (no CREATEDB)
	 * @throws io.schemagate.migration.MigrationLockTimeoutException when another run held the given one for longer
	 * than lockWait
	 */
	public static ScratchDatabase open(DatabaseTarget given, DatabaseTarget judged, DatabaseTarget also, Duration wait,
			Duration lockWait) {
		if (given != null) {
			new DatabaseWaiter(wait).waitFor(given);
			ScratchDatabase scratch = new ScratchDatabase(given, null, false);
			try {
				scratch.hold(judged, also, lockWait);
				scratch.empty();
			}
			catch (RuntimeException ex) {
				scratch.close();
				throw ex;
			}
			return scratch;
		}
		String name = PREFIX + Instant.now().getEpochSecond() + "_"
				+ Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
		ScratchDatabase scratch = new ScratchDatabase(judged.withDatabaseName(name).givenBy("SHADOW_DATABASE"), judged,
				true);
		scratch.create(name);
		return scratch;
	}

	/** Where the scratch database is, and as whom lint connects to it. */
	public DatabaseTarget target() {
		return this.target;
	}

	/** A new connection to it, in autocommit. */
	public Connection connect() throws SQLException {
		return DriverManager.getConnection(this.target.jdbcUrl(), this.target.connectionProperties());
	}

	/** Refuse a judged database, then take the given shadow's lock, in a session kept until closed. */
	private void hold(DatabaseTarget judged, DatabaseTarget also, Duration lockWait) {
		try {
			this.holder = connect();
			SameDatabaseCheck.refuseJudged(this.holder, this.target, judged, also);
			ShadowLock.take(this.holder, lockWait);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not check the scratch database " + this.target.describe() + ": "
					+ SqlErrors.firstLine(ex.getMessage()), ex);
		}
	}

	private void create(String name) {
		try (Connection connection = DriverManager.getConnection(this.server.jdbcUrl(), this.server.connectionProperties());
				Statement statement = connection.createStatement()) {
			dropLeftovers(connection);
			statement.execute("CREATE DATABASE " + name);
			statement.execute("COMMENT ON DATABASE " + name + " IS '" + MARK + "'");
			logger.info("made the scratch database {} on the target's server", name);
		}
		catch (SQLException ex) {
			if ("42501".equals(ex.getSQLState())) {
				throw new ConfigurationException("SHADOW_DATABASE_URL is not set, and " + this.server.setting()
						+ "_URL's role '" + this.server.user() + "' may not create a scratch database on the target's"
						+ " server (no CREATEDB); grant it CREATEDB, or set SHADOW_DATABASE_URL to a database lint may"
						+ " empty and rebuild");
			}
			throw new IllegalStateException("could not make the scratch database: " + SqlErrors.firstLine(ex.getMessage()),
					ex);
		}
	}

	/** Drop the databases earlier runs made and could not drop (killed), by their names' age. */
	private static void dropLeftovers(Connection connection) throws SQLException {
		long cutoff = Instant.now().minus(LEFTOVER_AGE).getEpochSecond();
		List<String> leftovers = new ArrayList<>();
		try (PreparedStatement query = connection.prepareStatement(
				"SELECT datname FROM pg_database WHERE datname LIKE ? AND pg_catalog.has_database_privilege(datname, 'CONNECT')")) {
			query.setString(1, PREFIX.replace("_", "\\_") + "%");
			try (ResultSet result = query.executeQuery()) {
				while (result.next()) {
					leftovers.add(result.getString(1));
				}
			}
		}
		for (String leftover : leftovers) {
			String[] parts = leftover.substring(PREFIX.length()).split("_");
			if (parts.length == 2 && parts[0].matches("[0-9]{1,12}") && Long.parseLong(parts[0]) < cutoff) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("DROP DATABASE IF EXISTS " + leftover + " WITH (FORCE)");
					logger.info("dropped {}, the scratch database of a run that was stopped", leftover);
				}
				catch (SQLException ex) {
					logger.warn("could not drop {}, the scratch database of an earlier run: {}", leftover,
							SqlErrors.firstLine(ex.getMessage()));
				}
			}
		}
	}

	/**
	 * Empty the given database: every schema but the system's dropped, {@code public} made
	 * again. Only once it is marked as lint's, or holds nothing yet.
	 */
	private void empty() {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			if (!isMarked(connection)) {
				List<String> objects = userObjects(connection);
				if (!objects.isEmpty()) {
					throw new ConfigurationException("SHADOW_DATABASE_URL: database " + this.target.describe()
							+ " holds objects lint did not put there (" + String.join(", ", objects) + "); lint empties"
							+ " its shadow, so give it an empty scratch database, or unset it to have lint make one");
				}
				statement.execute("COMMENT ON DATABASE " + quoted(currentDatabase(connection)) + " IS '" + MARK + "'");
			}
			for (String schema : userSchemas(connection)) {
				statement.execute("DROP SCHEMA " + quoted(schema) + " CASCADE");
			}
			statement.execute("CREATE SCHEMA public");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not empty the scratch database " + this.target.describe() + ": "
					+ SqlErrors.firstLine(ex.getMessage()), ex);
		}
	}

	private static boolean isMarked(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(
						"SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = current_database()")) {
			return result.next() && MARK.equals(result.getString(1));
		}
	}

	/**
	 * Up to five of the objects in the database outside the system schemas, as
	 * "schema.name" (a relation or function) or "type schema.name" and the like: what
	 * emptying it would drop. Types, collations and operators count too: an enum alone is
	 * someone's.
	 */
	private static List<String> userObjects(Connection connection) throws SQLException {
		List<String> objects = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT n.nspname || '.' || c.relname FROM pg_class c"
						+ " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog',"
						+ " 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'"
						+ " UNION ALL SELECT n.nspname || '.' || p.proname FROM pg_proc p JOIN pg_namespace n"
						+ " ON n.oid = p.pronamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')"
						+ " UNION ALL SELECT 'type ' || n.nspname || '.' || t.typname FROM pg_type t JOIN pg_namespace n"
						+ " ON n.oid = t.typnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')"
						+ " AND n.nspname NOT LIKE 'pg_toast%' AND t.typrelid = 0 AND t.typcategory <> 'A'"
						+ " UNION ALL SELECT 'collation ' || n.nspname || '.' || c.collname FROM pg_collation c"
						+ " JOIN pg_namespace n ON n.oid = c.collnamespace WHERE n.nspname NOT IN ('pg_catalog',"
						+ " 'information_schema')"
						+ " UNION ALL SELECT 'operator ' || n.nspname || '.' || o.oprname FROM pg_operator o"
						+ " JOIN pg_namespace n ON n.oid = o.oprnamespace WHERE n.nspname NOT IN ('pg_catalog',"
						+ " 'information_schema')"
						+ " UNION ALL SELECT 'extension ' || extname FROM pg_extension WHERE extname <> 'plpgsql'"
						+ " UNION ALL SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('public', 'pg_catalog',"
						+ " 'information_schema') AND nspname NOT LIKE 'pg_toast%' AND nspname NOT LIKE 'pg_temp%'"
						+ " LIMIT 5")) {
			while (result.next()) {
				objects.add(result.getString(1));
			}
		}
		return objects;
	}

	private static List<String> userSchemas(Connection connection) throws SQLException {
		List<String> schemas = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname NOT IN"
						+ " ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg_toast%'"
						+ " AND nspname NOT LIKE 'pg_temp%'")) {
			while (result.next()) {
				schemas.add(result.getString(1));
			}
		}
		return schemas;
	}

	private static String currentDatabase(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT current_database()")) {
			result.next();
			return result.getString(1);
		}
	}

	private static String quoted(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	/** Drop the database lint made (its sessions too); a given one is left as it is, for the next run to empty. */
	@Override
	public void close() {
		if (this.holder != null) {
			try {
				this.holder.close();
			}
			catch (SQLException ex) {
				logger.debug("could not close the scratch database's lock session", ex);
			}
			this.holder = null;
		}
		if (!this.made) {
			return;
		}
		String name = this.target.jdbcUrl().replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
		try (Connection connection = DriverManager.getConnection(this.server.jdbcUrl(), this.server.connectionProperties());
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			logger.info("dropped the scratch database {}", name);
		}
		catch (SQLException ex) {
			logger.warn("could not drop the scratch database {} ({}); the next lint drops it once it is an hour old", name, SqlErrors.firstLine(ex.getMessage()));
		}
	}

}
