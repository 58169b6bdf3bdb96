package io.schemagate.postdeploy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;

import io.schemagate.database.SqlErrors;
import io.schemagate.migration.HistorySchema;

/**
 * Which post-deploy migrations each release carried, in a table beside Flyway's history:
 * one row per release, keyed by the newest regular version in its build, holding the
 * newest post-deploy version in it. {@code migrate} writes its build's row; the next
 * release's {@code migrate} reads what earlier releases carried, to tell an earlier
 * release's post-deploy migration left pending (apply it first) from one its own release
 * brought (wait for the rollout).
 * <p>
 * Flyway's history cannot say this: it records what was applied, not what a build
 * carried, and a release's post-deploy migrations are pending, by design, while its
 * regular ones are applied.
 */
final class Releases {

	static final String TABLE = "schemagate_post_deploy_releases";

	/** The role deploy/sql/roles.sql makes for serving. */
	private static final String RUNTIME_ROLE = "schemagate_runtime";

	/** The key of a build with no regular migration. */
	private static final String NO_REGULAR = "";

	private Releases() {
	}

	/**
	 * The newest post-deploy version that a release older than {@code regular} (its
	 * newest regular version) carried; null when none is recorded. Read only.
	 */
	static MigrationVersion carriedBefore(Configuration configuration, MigrationVersion regular) {
		try (Connection connection = configuration.getDataSource().getConnection()) {
			if (!HistorySchema.exists(configuration, connection, TABLE)) {
				return null;
			}
			MigrationVersion newest = null;
			try (Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery("SELECT regular_version, post_deploy_version FROM "
							+ HistorySchema.qualified(configuration, connection, TABLE))) {
				while (result.next()) {
					MigrationVersion release = version(result.getString(1));
					if (regular != null && (release == null || release.compareTo(regular) < 0)) {
						MigrationVersion carried = MigrationVersion.fromVersion(result.getString(2));
						newest = (newest == null || carried.compareTo(newest) > 0) ? carried : newest;
					}
				}
			}
			return newest;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not read " + TABLE + ": " + SqlErrors.firstLine(ex.getMessage()), ex);
		}
	}

	/**
	 * Record that the release whose newest regular version is {@code regular} carries
	 * post-deploy migrations up to {@code postDeploy}; run again, it records the build's
	 * current one. Where deploy/sql/roles.sql made the runtime role, the role's default
	 * privileges would let it write here: they are revoked, as the afterMigrate callback
	 * does for the history.
	 */
	static void record(Configuration configuration, MigrationVersion regular, MigrationVersion postDeploy) {
		try (Connection connection = configuration.getDataSource().getConnection();
				Statement statement = connection.createStatement()) {
			connection.setAutoCommit(true);
			String table = HistorySchema.qualified(configuration, connection, TABLE);
			statement.execute("CREATE TABLE IF NOT EXISTS " + table + " (regular_version text PRIMARY KEY,"
					+ " post_deploy_version text NOT NULL, recorded_on timestamptz NOT NULL DEFAULT now(),"
					+ " recorded_by text NOT NULL DEFAULT current_user)");
			statement.execute("DO $$ BEGIN IF EXISTS (SELECT FROM pg_roles WHERE rolname = '" + RUNTIME_ROLE
					+ "') THEN EXECUTE 'REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON " + table + " FROM " + RUNTIME_ROLE
					+ "'; END IF; END $$");
			try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + table
					+ " (regular_version, post_deploy_version) VALUES (?, ?) ON CONFLICT (regular_version) DO UPDATE"
					+ " SET post_deploy_version = excluded.post_deploy_version, recorded_on = now(),"
					+ " recorded_by = current_user")) {
				upsert.setString(1, (regular != null) ? regular.getVersion() : NO_REGULAR);
				upsert.setString(2, postDeploy.getVersion());
				upsert.executeUpdate();
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not record this release's post-deploy migrations in " + TABLE + ": "
					+ SqlErrors.firstLine(ex.getMessage()), ex);
		}
	}

	private static MigrationVersion version(String text) {
		return (text == null || text.equals(NO_REGULAR)) ? null : MigrationVersion.fromVersion(text);
	}

}
