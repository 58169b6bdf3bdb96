package io.schemagate.postdeploy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.schemagate.migration.MigrationFailedException;
import io.schemagate.migration.MigrationSummary;
import io.schemagate.migration.Migrator;
import io.schemagate.migration.Versions;

/**
 * Applies the two sets in the order that keeps the schema what each release was written
 * against.
 * <ul>
 * <li>{@code migrate}: the regular set. A post-deploy migration that an earlier release
 * carried and that is still pending (its {@code migrate --post} never ran) goes first:
 * the release being deployed was written, and tested, on a schema that had it, and the
 * release it was meant to wait for is gone (it is the one before the one now serving).
 * Those this build brings wait for its rollout.</li>
 * <li>{@code migrate --post}: the post-deploy set, refused (exit 65, nothing applied)
 * while regular migrations of this build are pending: post-deploy migrations follow
 * them.</li>
 * <li>{@code RUN_MIGRATIONS=true} (one release at a time): both, regular first.</li>
 * </ul>
 */
public class ReleaseMigrator {

	private static final Logger logger = LoggerFactory.getLogger(ReleaseMigrator.class);

	private final Migrator migrator;

	private final PostDeployMigrations sets;

	public ReleaseMigrator(Migrator migrator, PostDeployMigrations sets) {
		this.migrator = migrator;
		this.sets = sets;
	}

	/** {@code migrate}: an earlier release's pending post-deploy migrations, then the regular ones. */
	public ReleaseSummary migrate() {
		Flyway regular = this.sets.regular();
		Optional<Flyway> postDeploy = this.sets.postDeploy();
		if (postDeploy.isEmpty()) {
			return ReleaseSummary.of(MigrationSet.Kind.REGULAR, this.migrator.migrate(regular), null, List.of());
		}
		// One read of each set's files and history before the run.
		MigrationVersion newestRegular = Versions.newest(regular.info().all());
		MigrationInfoService postDeployBefore = postDeploy.get().info();
		MigrationVersion newestPostDeploy = Versions.newest(postDeployBefore.all());
		MigrationSummary earlier = null;
		List<MigrationInfo> left = leftOver(regular.getConfiguration(), newestRegular, postDeployBefore);
		if (!left.isEmpty()) {
			logger.warn("migrate: applying {} first: post-deploy migration(s) of an earlier release that were never"
					+ " applied ('migrate --post' after each rollout applies them)",
					left.stream().map(Versions::name).toList());
			earlier = this.migrator.migrate(PostDeployMigrations.upTo(postDeploy.get(), left.get(left.size() - 1).getVersion()));
		}
		MigrationSummary run = this.migrator.migrate(regular);
		if (newestPostDeploy != null) {
			Releases.record(regular.getConfiguration(), newestRegular, newestPostDeploy);
		}
		List<String> pending = Arrays.stream(postDeploy.get().info().pending()).map(Versions::name).toList();
		return ReleaseSummary.of(MigrationSet.Kind.REGULAR, run, earlier, pending);
	}

	/**
	 * The post-deploy migrations an earlier release carried that are still pending: what
	 * {@code migrate} applies before the regular ones. Read only.
	 */
	public List<MigrationInfo> earlierPostDeployPending() {
		return earlierPostDeployPending(this.sets);
	}

	/** {@link #earlierPostDeployPending()} of {@code sets}: what lint judges first, as migrate applies it. */
	public static List<MigrationInfo> earlierPostDeployPending(PostDeployMigrations sets) {
		Flyway regular = sets.regular();
		return sets.postDeploy()
			.map((postDeploy) -> leftOver(regular.getConfiguration(), Versions.newest(regular.info().all()),
					postDeploy.info()))
			.orElse(List.of());
	}

	/**
	 * The pending post-deploy migrations that releases older than {@code newestRegular}
	 * (the newest regular version of this build) carried.
	 */
	private static List<MigrationInfo> leftOver(Configuration regular, MigrationVersion newestRegular,
			MigrationInfoService postDeploy) {
		MigrationVersion carried = Releases.carriedBefore(regular, newestRegular);
		if (carried == null) {
			return List.of();
		}
		return Arrays.stream(postDeploy.pending())
			.filter((migration) -> migration.getVersion() != null && migration.getVersion().compareTo(carried) <= 0)
			.toList();
	}

	/** {@code migrate --post}: the post-deploy set, once no regular migration of this build is pending. */
	public ReleaseSummary migratePostDeploy() {
		Flyway regular = this.sets.regular();
		MigrationInfo[] regularPending = regular.info().pending();
		if (regularPending.length > 0) {
			throw new MigrationFailedException("migrate --post: regular migrations of this build are pending ("
					+ Arrays.stream(regularPending).map(Versions::name).toList()
					+ "); post-deploy migrations follow them: run 'migrate', roll the release out, then 'migrate --post'",
					null);
		}
		Optional<Flyway> postDeploy = this.sets.postDeploy();
		if (postDeploy.isEmpty()) {
			return new ReleaseSummary(MigrationSet.Kind.POST_DEPLOY.label(), 0, null, null, 0, false, null, List.of());
		}
		return ReleaseSummary.of(MigrationSet.Kind.POST_DEPLOY, this.migrator.migrate(postDeploy.get()), null, List.of());
	}

	/** {@code RUN_MIGRATIONS=true}: the regular set, then the post-deploy set. */
	public void migrateBoth() {
		migrate();
		this.sets.postDeploy().ifPresent(this.migrator::migrate);
	}

}
