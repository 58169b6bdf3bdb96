package io.schemagate.postdeploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import io.schemagate.database.SqlErrors;
import io.schemagate.migration.HistorySchema;
import io.schemagate.migration.MigrationFailedException;
import io.schemagate.migration.MigrationFileCheck;
import io.schemagate.settings.ConfigurationException;

/**
 * The two sets of migrations a build carries: the regular ones (Spring Boot's Flyway,
 * {@code spring.flyway.locations}) and the post-deploy ones (POST_MIGRATION_LOCATIONS),
 * which run only once every replica runs the release that brought them.
 * <p>
 * The post-deploy set is a Flyway of its own, configured as the regular one (the same
 * target, schemas, placeholders, session settings, callbacks) with its own locations and
 * its own history table, {@code <table>_post}. Its own table is what keeps the two sets
 * apart in Flyway's eyes: in one table a post-deploy migration applied after the rollout
 * would sit below regular versions applied before it, and Flyway would call each later
 * regular one out of order, or the post-deploy one pending while a newer release is up.
 * Each set keeps its own order; which runs when is this package's rule, not Flyway's.
 * Its history table is made with a baseline row at version 0 the first time it is
 * needed on a schema that already holds the regular set.
 */
public final class PostDeployMigrations {

	/** The post-deploy history table is the regular one's name with this after it. */
	public static final String TABLE_SUFFIX = HistorySchema.POST_DEPLOY_SUFFIX;

	private final Flyway regular;

	private final List<String> locations;

	private volatile Optional<Flyway> postDeploy;

	/**
	 * @param regular the regular set, configured as every command uses it
	 * @param locations POST_MIGRATION_LOCATIONS
	 * @throws ConfigurationException when a post-deploy location is also a regular one, or
	 * one is inside the other
	 */
	public PostDeployMigrations(Flyway regular, List<String> locations) {
		this.regular = regular;
		this.locations = locations;
		// Flyway reads a location's sub-folders too: a folder inside the other set's would
		// put its files in both sets.
		for (String location : locations) {
			Location post = new Location(location);
			for (Location other : regular.getConfiguration().getLocations()) {
				String clash = post.getDescriptor().equals(other.getDescriptor()) ? "is also a regular migration location"
						: other.isParentOf(post) ? "is inside the regular migration location " + other.getDescriptor()
								: post.isParentOf(other) ? "holds the regular migration location " + other.getDescriptor()
										: null;
				if (clash != null) {
					throw new ConfigurationException("POST_MIGRATION_LOCATIONS: " + location + " " + clash
							+ " (spring.flyway.locations), so its files would belong to both sets; give post-deploy"
							+ " migrations a folder of their own, such as classpath:db/post-migration");
				}
			}
		}
	}

	/** The regular set. */
	public Flyway regular() {
		return this.regular;
	}

	/**
	 * The post-deploy set: present when this build has a post-deploy location or the
	 * target has a post-deploy history (a newer build's); read only.
	 */
	public Optional<Flyway> postDeploy() {
		Optional<Flyway> known = this.postDeploy;
		if (known == null) {
			known = find();
			this.postDeploy = known;
		}
		return known;
	}

	/** Both sets, regular first: what status, history, validate and repair read. */
	public List<MigrationSet> sets() {
		List<MigrationSet> sets = new ArrayList<>();
		sets.add(new MigrationSet(MigrationSet.Kind.REGULAR, this.regular));
		postDeploy().ifPresent((flyway) -> sets.add(new MigrationSet(MigrationSet.Kind.POST_DEPLOY, flyway)));
		return sets;
	}

	/**
	 * The post-deploy migrations applied after {@code when}, as operators name them: a
	 * regular migration applied before them cannot be undone while they stand.
	 */
	public List<String> postDeployAppliedAfter(java.util.Date when) {
		return postDeploy().map((flyway) -> Arrays.stream(flyway.info().applied())
			.filter((migration) -> migration.getType() != org.flywaydb.core.api.CoreMigrationType.BASELINE
					&& migration.getInstalledOn() != null && migration.getInstalledOn().after(when))
			.map(io.schemagate.migration.Versions::name)
			.toList()).orElse(List.of());
	}

	/** The post-deploy set's Flyway that applies up to {@code version}, and no further. */
	static Flyway upTo(Flyway postDeploy, MigrationVersion version) {
		return Flyway.configure(postDeploy.getConfiguration().getClassLoader())
			.configuration(postDeploy.getConfiguration())
			.target(version)
			.load();
	}

	private Optional<Flyway> find() {
		Configuration base = this.regular.getConfiguration();
		List<String> present = this.locations.stream().filter((location) -> exists(location, base.getClassLoader())).toList();
		String table = base.getTable() + TABLE_SUFFIX;
		if (present.isEmpty() && !historyExists(base, table)) {
			return Optional.empty();
		}
		FluentConfiguration configuration = Flyway.configure(base.getClassLoader())
			.configuration(base)
			.locations(present.toArray(String[]::new))
			// The regular locations' SQL callbacks (afterMigrate__protect_history.sql) hold for this history too.
			.callbackLocations(callbackLocations(base))
			.table(table)
			// Spring Boot hands Flyway the application's JavaMigration beans: regular ones.
			.javaMigrations(new JavaMigration[0])
			.target(MigrationVersion.LATEST)
			.baselineOnMigrate(true)
			.baselineVersion(HistorySchema.POST_DEPLOY_BASELINE)
			.baselineDescription("post-deploy history")
			.failOnMissingLocations(false);
		MigrationFileCheck.check(configuration);
		return Optional.of(configuration.load());
	}

	private static String[] callbackLocations(Configuration base) {
		List<String> callbacks = new ArrayList<>();
		for (Location location : base.getLocations()) {
			callbacks.add(location.getDescriptor());
		}
		for (Location location : base.getCallbackLocations()) {
			callbacks.add(location.getDescriptor());
		}
		return callbacks.stream().distinct().toArray(String[]::new);
	}

	/** Whether a location has anything in it: Flyway warns of each one it cannot find. */
	private static boolean exists(String location, ClassLoader classLoader) {
		Location parsed = new Location(location);
		if (parsed.isFileSystem()) {
			return Files.isDirectory(Path.of(parsed.getRootPath()));
		}
		try {
			return new PathMatchingResourcePatternResolver(classLoader)
				.getResources("classpath*:" + parsed.getRootPath() + "/**/*").length > 0
					|| classLoader.getResource(parsed.getRootPath()) != null;
		}
		catch (IOException ex) {
			throw new MigrationFailedException("post-deploy migration location " + location + " cannot be listed ("
					+ ex.getMessage() + ")", ex);
		}
	}

	private static boolean historyExists(Configuration base, String table) {
		try (Connection connection = base.getDataSource().getConnection()) {
			return HistorySchema.exists(base, connection, table);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not look for the post-deploy history " + table + ": "
					+ SqlErrors.firstLine(ex.getMessage()), ex);
		}
	}

}
