package io.schemagate.drift;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.springframework.beans.factory.DisposableBean;

import org.springframework.beans.factory.ObjectProvider;

import io.schemagate.catalog.SchemaSnapshot;
import io.schemagate.database.SqlErrors;
import io.schemagate.migration.MigrationFailedException;
import io.schemagate.migration.MigrationLockTimeoutException;
import io.schemagate.migration.Versions;
import io.schemagate.postdeploy.PostDeployMigrations;
import io.schemagate.postdeploy.Replay;
import io.schemagate.settings.Settings;
import io.schemagate.shadow.ScratchDatabase;

/**
 * Whether the target's schema is what its migrations make: this build's applied
 * migrations are replayed on a scratch database, and the two schemas compared by
 * {@link SchemaSnapshot}. A hand-made index, a default changed during an incident, a
 * migration edited after it ran: each is one difference. Objects a team manages outside
 * migrations are left out by name (SCHEMA_DRIFT_IGNORE). The target is only read.
 */
public class SchemaDrift implements DisposableBean {

	/** Owners and grants, where the scratch database's role is not the target's: they would differ by design. */
	private static final Pattern OWNERSHIP = Pattern.compile(" owner [^ ]+| acl [^ ]+");

	private final Settings settings;

	private volatile ScratchDatabase open;

	private final ObjectProvider<PostDeployMigrations> sets;

	public SchemaDrift(Settings settings, ObjectProvider<PostDeployMigrations> sets) {
		this.settings = settings;
		this.sets = sets;
	}

	/**
	 * The differences between the target's schema and what its applied migrations make.
	 * @return each difference, one line: the object, what the target has, what the
	 * migrations make; empty when equal
	 */
	public List<String> differences(Flyway flyway) {
		String current = Versions.of(flyway.info().current());
		try (ScratchDatabase shadow = ScratchDatabase.open(this.settings)) {
			this.open = shadow;
			try {
				Replay.replay(flyway, this.sets.getIfAvailable(() -> new PostDeployMigrations(flyway, List.of())).postDeploy(),
						shadow.target());
			}
			catch (FlywayException ex) {
				SQLException sql = SqlErrors.find(ex);
				throw new MigrationFailedException("validate --schema could not replay this build's migrations up to "
						+ Versions.show(current) + " on a scratch database ("
						+ SqlErrors.firstLine((sql != null) ? sql.getMessage() : ex.getMessage()) + ")", ex);
			}
			return between(flyway, shadow, this.settings);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("validate --schema could not read a schema: " + SqlErrors.firstLine(ex.getMessage()),
					ex);
		}
		finally {
			this.open = null;
		}
	}

	/**
	 * The differences between the target's schema and the scratch database's, which holds
	 * the replay of the target's applied migrations.
	 */
	public static List<String> between(Flyway flyway, ScratchDatabase shadow, Settings settings) throws SQLException {
		SchemaSnapshot made;
		try (Connection connection = shadow.connect()) {
			made = SchemaSnapshot.read(connection);
		}
		SchemaSnapshot target;
		try (Connection connection = flyway.getConfiguration().getDataSource().getConnection()) {
			java.time.Duration lockTimeout = settings.migrationLockTimeout();
			try (Statement statement = connection.createStatement()) {
				statement.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
				// Reading definitions (pg_get_constraintdef and the like) locks each table:
				// behind another session's ACCESS EXCLUSIVE it would wait without end.
				statement.execute("SET lock_timeout = " + lockTimeout.toMillis());
			}
			try {
				target = SchemaSnapshot.read(connection);
			}
			catch (SQLException ex) {
				if (!SqlErrors.isLockConflict(ex)) {
					throw ex;
				}
				throw new MigrationLockTimeoutException("could not read the target's schema within MIGRATION_LOCK_TIMEOUT="
						+ lockTimeout.toSeconds() + "s: another session holds a lock on one of its tables ("
						+ SqlErrors.firstLine(ex.getMessage()) + "); run it again once that lock is released", ex);
			}
		}
		boolean sameRole = shadow.target().user() != null && shadow.target().user().equals(settings.migrationDatabase().user())
				&& shadow.target().user().equals(flyway.getConfiguration().getUser());
		return compare(ignoring(made, sameRole, settings), ignoring(target, sameRole, settings));
	}

	private static SchemaSnapshot ignoring(SchemaSnapshot snapshot, boolean sameRole, Settings settings) {
		SchemaSnapshot kept = snapshot;
		for (String glob : settings.schemaDriftIgnore()) {
			kept = kept.without(Pattern.compile("^[a-z ]+ (" + globToRegex(glob) + ")$"));
		}
		if (sameRole) {
			return kept;
		}
		java.util.Map<String, String> objects = new java.util.TreeMap<>();
		kept.objects().forEach((key, value) -> objects.put(key, OWNERSHIP.matcher(value).replaceAll("")));
		return new SchemaSnapshot(objects);
	}

	/** A name pattern as SCHEMA_DRIFT_IGNORE takes it: {@code *} any run of characters, {@code ?} one. */
	static String globToRegex(String glob) {
		StringBuilder regex = new StringBuilder();
		for (char c : glob.toCharArray()) {
			regex.append((c == '*') ? ".*" : (c == '?') ? "." : Pattern.quote(String.valueOf(c)));
		}
		return regex.toString();
	}

	private static List<String> compare(SchemaSnapshot made, SchemaSnapshot target) {
		List<String> lines = new ArrayList<>();
		for (SchemaSnapshot.Difference difference : made.differencesFrom(target)) {
			if (difference.actual() == null) {
				lines.add(difference.object() + ": the migrations make it (" + difference.expected() + "), the target lacks it");
			}
			else if (difference.expected() == null) {
				lines.add(difference.object() + ": the target has it (" + difference.actual() + "), the migrations do not"
						+ " make it");
			}
			else {
				lines.add(difference.object() + ": the target has " + difference.actual() + ", the migrations make "
						+ difference.expected());
			}
		}
		return lines;
	}

	@Override
	public void destroy() {
		ScratchDatabase shadow = this.open;
		if (shadow != null) {
			shadow.close();
		}
	}

}
