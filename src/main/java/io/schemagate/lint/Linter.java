package io.schemagate.lint;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreMigrationType;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;

import io.schemagate.catalog.TableSizes;
import io.schemagate.database.DatabaseUnreachableException;
import io.schemagate.database.SqlErrors;
import io.schemagate.drift.SchemaDrift;
import io.schemagate.migration.HistoryCheck;
import io.schemagate.migration.HistorySchema;
import io.schemagate.migration.MigrationFailedException;
import io.schemagate.migration.MigrationLockTimeoutException;
import io.schemagate.migration.MigrationScripts;
import io.schemagate.migration.Versions;
import io.schemagate.postdeploy.MigrationSet;
import io.schemagate.postdeploy.PostDeployMigrations;
import io.schemagate.postdeploy.ReleaseMigrator;
import io.schemagate.postdeploy.Replay;
import io.schemagate.settings.Settings;
import io.schemagate.shadow.ScratchDatabase;
import io.schemagate.trace.MigrationTrace;
import io.schemagate.trace.Tracer;
import io.schemagate.undo.UndoScripts;

/**
 * Judges the migrations {@code migrate} would apply: reads the target (history, catalog,
 * statistics; never a write), brings a scratch database to the target's version, traces
 * each pending migration there and turns what it did into findings sized from the
 * target. The scratch database goes when lint is done, and when the context closes
 * (SIGTERM) while it runs.
 * <p>
 * A little over 200 lines: the order lint traces both sets in (an earlier release's
 * post-deploy migrations, the regular ones, this release's post-deploy ones) is migrate's,
 * and is kept in one place with the scratch database it needs.
 */
public class Linter implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(Linter.class);

	private final Settings settings;

	private final ObjectProvider<PostDeployMigrations> sets;

	private volatile ScratchDatabase open;

	/** Set when the context closes (SIGTERM) while lint runs: the dropped scratch database ends the trace. */
	private volatile boolean stopped;

	public Linter(Settings settings, ObjectProvider<PostDeployMigrations> sets) {
		this.settings = settings;
		this.sets = sets;
	}

	/**
	 * Judge both sets' pending migrations on their target: the regular ones, then the
	 * post-deploy ones on top.
	 * @throws io.schemagate.settings.ConfigurationException when no scratch database can be had
	 * @throws MigrationFailedException when the target's applied migrations cannot be replayed
	 */
	public LintResult lint() {
		PostDeployMigrations sets = this.sets.getObject();
		return lint(sets, sets.regular(), sets.postDeploy().orElse(null), true);
	}

	/**
	 * Judge the pending migrations of {@code flyway}'s set alone (migrate's gate): the
	 * regular set, or the post-deploy one.
	 */
	public LintResult lint(Flyway flyway) {
		PostDeployMigrations sets = this.sets.getIfAvailable(() -> new PostDeployMigrations(flyway, List.of()));
		// Migrate validates the history itself, right after: the gate leaves that to it.
		return HistorySchema.isPostDeploy(flyway.getConfiguration()) ? lint(sets, null, flyway, false)
				: lint(sets, flyway, null, false);
	}

	private LintResult lint(PostDeployMigrations sets, Flyway regular, Flyway postDeploy, boolean historyNotes) {
		try {
			LintResult result = judge(sets, regular, postDeploy, historyNotes);
			if (this.stopped) {
				throw stoppedMidTrace();
			}
			return result;
		}
		catch (SQLException | RuntimeException ex) {
			if (this.stopped) {
				throw stoppedMidTrace();
			}
			if (ex instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (SqlErrors.isConnectionLoss((SQLException) ex)) {
				throw new DatabaseUnreachableException("lint lost a database connection: " + SqlErrors.firstLine(ex.getMessage())
						+ "; run it again once the database is up");
			}
			throw new IllegalStateException("lint failed: " + SqlErrors.firstLine(ex.getMessage()), ex);
		}
	}

	private LintResult judge(PostDeployMigrations sets, Flyway regularToJudge, Flyway postDeployToJudge,
			boolean historyNotes) throws SQLException {
		long start = System.nanoTime();
		Flyway regular = sets.regular();
		MigrationInfoService info = regular.info();
		MigrationInfo[] pending = (regularToJudge != null) ? regularToJudge.info().pending() : new MigrationInfo[0];
		// With both sets, as migrate orders them: an earlier release's post-deploy
		// migrations left pending first, then the regular ones, then this release's own.
		List<MigrationInfo> leftovers = (regularToJudge != null && postDeployToJudge != null)
				? ReleaseMigrator.earlierPostDeployPending(sets) : List.of();
		MigrationInfo[] earlier = leftovers.toArray(new MigrationInfo[0]);
		MigrationInfo[] postPending = (postDeployToJudge != null) ? notIn(postDeployToJudge.info().pending(), leftovers)
				: new MigrationInfo[0];
		String current = Versions.of(info.current());
		if (pending.length == 0 && postPending.length == 0 && earlier.length == 0) {
			return new LintResult(current, List.of(), List.of(), List.of());
		}
		try (TableSizes target = new TableSizes(regular.getConfiguration().getDataSource(),
				this.settings.migrationLockTimeout());
				ScratchDatabase shadow = ScratchDatabase.open(this.settings)) {
			this.open = shadow;
			List<Finding> serverVersion = serverVersion(target, shadow);
			replay(regular, sets.postDeploy(), shadow, current);
			List<String> notes = notes(info);
			for (HistoryCheck.Mismatch refused : historyNotes ? HistoryCheck.mismatches(regular)
					: List.<HistoryCheck.Mismatch>of()) {
				if (!refused.isAppliedElsewhere()) {
					notes.add("migrate would refuse to run, before applying anything: " + refused.name() + ": "
							+ refused.problem() + " (" + refused.fix() + "); lint traced this build's files as they are");
				}
			}
			List<String> drift;
			try {
				drift = SchemaDrift.between(regular, shadow, this.settings);
			}
			catch (MigrationLockTimeoutException ex) {
				// The drift check only qualifies the findings: a lock in the way is a note, not a failure.
				notes.add("lint did not compare the target's schema with what its migrations make: " + ex.getMessage());
				drift = List.of();
			}
			if (!drift.isEmpty()) {
				notes.add(0, "the target has drifted from what its applied migrations make (" + drift.size()
						+ " difference(s), the first: " + drift.get(0) + "); lint traced on what the migrations make: run"
						+ " 'validate --schema' for each");
			}
			// Each run traced on top of the one before, as migrate applies them; after one
			// that failed, the later ones are listed as not judged.
			Run run = new Run(shadow, target, current);
			LintResult result = new LintResult(current, List.of(), List.of(), notes)
				.then(run.judge(postDeployToJudge, earlier, MigrationSet.Kind.POST_DEPLOY))
				.then(run.judge(regular, pending, MigrationSet.Kind.REGULAR))
				.then(run.judge(postDeployToJudge, postPending, MigrationSet.Kind.POST_DEPLOY))
				.withFindings(serverVersion);
			logger.info("lint: judged {} pending migration(s) in {} ms: {}", result.migrations().size(),
					(System.nanoTime() - start) / 1_000_000, result.counts());
			return result;
		}
		finally {
			this.open = null;
		}
	}

	/** {@code pending} without the migrations of {@code leftovers} (by version). */
	private static MigrationInfo[] notIn(MigrationInfo[] pending, List<MigrationInfo> leftovers) {
		return Arrays.stream(pending)
			.filter((migration) -> leftovers.stream()
				.noneMatch((left) -> left.getVersion() != null && left.getVersion().equals(migration.getVersion())))
			.toArray(MigrationInfo[]::new);
	}

	/** The runs of one lint, traced one after the other on its scratch database. */
	private final class Run {

		private final ScratchDatabase shadow;

		private final TableSizes target;

		private final String current;

		/** Whether every run so far was traced to its end without a failure. */
		private boolean completed = true;

		Run(ScratchDatabase shadow, TableSizes target, String current) {
			this.shadow = shadow;
			this.target = target;
			this.current = current;
		}

		/** Trace {@code run} of {@code flyway}'s set unless a run before it failed, and judge it. */
		LintResult judge(Flyway flyway, MigrationInfo[] run, MigrationSet.Kind set) throws SQLException {
			if (run.length == 0) {
				return new LintResult(this.current, List.of(), List.of(), List.of());
			}
			List<MigrationTrace> traces = this.completed
					? new Tracer(flyway.getConfiguration(), this.shadow.target()).trace(run) : List.of();
			this.completed = this.completed && completed(traces, run);
			return Linter.judge(flyway, run, traces, this.target, this.current, Linter.this.settings.undoRequired(),
					set);
		}

	}

	/**
	 * What a lint stopped by SIGTERM says: the trace ended because {@link #destroy()}
	 * dropped the scratch database, not because the database went away, and a statement
	 * that failed for it is no finding. The exit code is 143.
	 */
	private static DatabaseUnreachableException stoppedMidTrace() {
		return new DatabaseUnreachableException("lint was stopped (SIGTERM) before it finished: its scratch database is"
				+ " dropped, and the target was not changed");
	}

	/** Whether every migration of {@code run} was traced and none failed: what comes after may be traced. */
	private static boolean completed(List<MigrationTrace> traces, MigrationInfo[] run) {
		return traces.size() == run.length && (traces.isEmpty() || !traces.get(traces.size() - 1).failed());
	}

	private static void replay(Flyway regular, java.util.Optional<Flyway> postDeploy, ScratchDatabase shadow,
			String current) {
		try {
			Replay.replay(regular, postDeploy, shadow.target());
		}
		catch (FlywayException ex) {
			SQLException sql = SqlErrors.find(ex);
			throw new MigrationFailedException("lint could not bring its scratch database to the target's version "
					+ Versions.show(current) + " with this build's migrations ("
					+ SqlErrors.firstLine((sql != null) ? sql.getMessage() : ex.getMessage())
					+ "); it judges nothing it cannot replay", ex);
		}
	}

	private static LintResult judge(Flyway flyway, MigrationInfo[] pending, List<MigrationTrace> traces,
			TableSizes target, String current, boolean undoRequired, MigrationSet.Kind set) {
		MigrationScripts scripts = MigrationScripts.of(flyway.getConfiguration());
		Map<String, UndoScripts.Undo> undos = UndoScripts.of(flyway);
		List<LintResult.Migration> migrations = new ArrayList<>();
		for (MigrationTrace trace : traces) {
			MigrationInfo migration = trace.migration();
			String text = (scripts != null && migration.getType() == CoreMigrationType.SQL) ? scripts.read(migration)
					: null;
			Findings findings = new Findings(trace, target, text);
			Rules.check(trace, findings);
			if (migration.getVersion() != null && !undos.containsKey(Versions.of(migration))) {
				findings.addForFile(Code.NO_UNDO_FILE, undoRequired ? Severity.WARNING : Severity.INFO,
						"has no undo script (" + UndoScripts.PREFIX + migration.getVersion().toString().replace('.', '_')
								+ "__" + migration.getDescription().replace(' ', '_') + ".sql): a rollback of this release"
								+ " would be written by hand" + (undoRequired ? " (UNDO_REQUIRED=true)" : ""));
			}
			migrations.add(new LintResult.Migration(Versions.of(migration), migration.getDescription(),
					migration.getScript(), path(migration, set), Breaking.inSet(findings.result(), set), set.label()));
		}
		List<String> notJudged = Arrays.stream(pending).skip(traces.size()).map(Versions::name).toList();
		return new LintResult(current, migrations, notJudged, List.of());
	}

	/**
	 * Where a migration's file is as a repository holds it: relative to the working
	 * directory for a filesystem location, under Maven's src/main/resources for a
	 * classpath one (where a build keeps them); for a Java migration, its source under
	 * Maven's src/main/java (Flyway knows only the compiled class's folder).
	 */
	private static String path(MigrationInfo migration, MigrationSet.Kind set) {
		if (migration.getType() == CoreMigrationType.JDBC) {
			String type = migration.getScript();
			return "src/main/java/" + ((type.indexOf('$') > 0) ? type.substring(0, type.indexOf('$')) : type)
				.replace('.', '/') + ".java";
		}
		String physical = migration.getPhysicalLocation();
		if (physical != null && !physical.isEmpty() && !physical.contains("!") && !physical.startsWith("jar:")) {
			java.nio.file.Path file = java.nio.file.Path.of(physical).toAbsolutePath().normalize();
			java.nio.file.Path here = java.nio.file.Path.of("").toAbsolutePath();
			if (file.startsWith(here.resolve("target"))) {
				return "src/main/resources/" + here.resolve("target/classes").relativize(file);
			}
			return file.startsWith(here) ? here.relativize(file).toString() : file.toString();
		}
		return ((set == MigrationSet.Kind.POST_DEPLOY) ? "src/main/resources/db/post-migration/"
				: "src/main/resources/db/migration/") + migration.getScript();
	}

	/** What limits the findings: a baseline, migrations this build lacks. */
	private static List<String> notes(MigrationInfoService info) {
		List<String> notes = new ArrayList<>();
		for (MigrationInfo applied : info.applied()) {
			if (applied.getType() == CoreMigrationType.BASELINE) {
				notes.add("the target was baselined at version " + Versions.show(Versions.of(applied)) + ": what it held"
						+ " then is not on the scratch database, so findings about those tables are missing");
			}
			if (Versions.isAhead(applied) || Versions.isMissing(applied)) {
				notes.add("the target has " + Versions.name(applied) + ", which this build lacks: the scratch database"
						+ " is this build's schema, not quite the target's");
			}
		}
		return notes;
	}

	/**
	 * A warning when the scratch server's major version is not the target's: locks and
	 * rewrites differ between versions, so every finding may be off (a rewrite on 15 is
	 * none on 18, a lock taken differently). A finding, not a note, so that
	 * {@code --fail-on warning} and the GitHub annotations see it.
	 */
	private static List<Finding> serverVersion(TableSizes target, ScratchDatabase shadow) throws SQLException {
		int targetMajor = target.majorVersion();
		try (Connection connection = shadow.connect()) {
			int shadowMajor = connection.getMetaData().getDatabaseMajorVersion();
			if (shadowMajor == targetMajor) {
				return List.of();
			}
			return List.of(new Finding(Code.SERVER_VERSION_DIFFERS.code(), Severity.WARNING, null, null, 0, null, null,
					null, null, List.of(), "the scratch database runs PostgreSQL " + shadowMajor + " and the target "
							+ targetMajor + ": locks and rewrites differ between versions, so the findings may not be"
							+ " what migrate will do there",
					Code.SERVER_VERSION_DIFFERS.fix(), false, null));
		}
	}

	/** Drop the scratch database of a lint still running when the context closes (SIGTERM). */
	@Override
	public void destroy() {
		ScratchDatabase shadow = this.open;
		if (shadow != null) {
			this.stopped = true;
			shadow.close();
		}
	}

}
