package io.schemagate.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.CoreMigrationType;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * Where Flyway keeps its history, and the tables that sit beside it (undo's record,
 * the post-deploy history and releases): Flyway's default schema, its first, or the
 * session's current one.
 */
public final class HistorySchema {

	/**
	 * The post-deploy history is the regular one's name with this after it: both sets
	 * take the same migration lock, so that no run of one overlaps a run of the other.
	 */
	public static final String POST_DEPLOY_SUFFIX = "_post";

	/**
	 * Below every post-deploy version: the baseline row Flyway writes when it makes the
	 * post-deploy history on a schema in use. No migration: reports call that history empty.
	 */
	public static final String POST_DEPLOY_BASELINE = "0";

	/** Whether {@code configuration} is a post-deploy set's (PostDeployMigrations makes it so). */
	public static boolean isPostDeploy(Configuration configuration) {
		return configuration.getTable().endsWith(POST_DEPLOY_SUFFIX) && configuration.getBaselineVersion() != null
				&& POST_DEPLOY_BASELINE.equals(configuration.getBaselineVersion().getVersion())
				&& configuration.isBaselineOnMigrate();
	}

	/** Whether {@code migration} is the post-deploy history's own baseline row. */
	public static boolean isOwnBaseline(Configuration configuration, MigrationInfo migration) {
		return migration != null && migration.getType() == CoreMigrationType.BASELINE && isPostDeploy(configuration);
	}

	/**
	 * {@code version} of {@code configuration}'s set as reports show it: null (empty) for
	 * none, and for the post-deploy history's own baseline, which is no migration.
	 */
	public static String reported(Configuration configuration, String version) {
		return (POST_DEPLOY_BASELINE.equals(version) && isPostDeploy(configuration)) ? null : version;
	}

	/** What a set's versions are of, as every report says it: {@code schema}, {@code post-deploy history}. */
	public static String versionsOf(boolean postDeploy) {
		return postDeploy ? "post-deploy history" : "schema";
	}

	private HistorySchema() {
	}

	/** {@code "schema"."table"} in Flyway's schema. */
	public static String qualified(Configuration configuration, Connection connection, String table) throws SQLException {
		return quoted(of(configuration, connection)) + "." + quoted(table);
	}

	/** Flyway's schema. */
	public static String of(Configuration configuration, Connection connection) throws SQLException {
		if (configuration.getDefaultSchema() != null) {
			return configuration.getDefaultSchema();
		}
		if (configuration.getSchemas().length > 0) {
			return configuration.getSchemas()[0];
		}
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT current_schema()")) {
			result.next();
			return result.getString(1);
		}
	}

	/** An identifier quoted for SQL. */
	public static String quoted(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	/** Whether {@code table} exists in Flyway's schema. */
	public static boolean exists(Configuration configuration, Connection connection, String table) throws SQLException {
		try (java.sql.PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?)")) {
			statement.setString(1, qualified(configuration, connection, table));
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getString(1) != null;
			}
		}
	}

}
