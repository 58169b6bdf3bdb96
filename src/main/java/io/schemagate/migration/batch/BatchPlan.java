package io.schemagate.migration.batch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.flywaydb.core.api.CoreMigrationType;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.executor.MigrationExecutor;

import io.schemagate.migration.FlywayInternals;
import io.schemagate.migration.MigrationScripts;
import io.schemagate.migration.Versions;

/**
 * The pending migrations of a run, read and checked for the batch, or why the batch
 * cannot apply them. The batch sends each migration's file as it is, in one transaction,
 * and writes the history rows at the end; so each must be a plain SQL file that needs
 * nothing Flyway does around a migration ({@link BatchableSql} reads the files), with no
 * callback to run around it and no statement that must run outside a transaction, from a
 * history Flyway would migrate. When one does not qualify, Flyway's own group mode
 * applies the run instead, in the same single transaction, only slower.
 * <p>
 * A little over 200 lines: it is one verdict and its rules, which read better together
 * than spread over classes that would each hold two of them.
 */
final class BatchPlan {

	/** A migration and the SQL the batch sends for it. */
	record Step(MigrationInfo migration, String sql) {

	}

	/** The events of a migrate run that fire around migrations, which the batch does not fire. */
	private static final Set<Event> AROUND_MIGRATIONS = EnumSet.of(Event.BEFORE_MIGRATE, Event.BEFORE_EACH_MIGRATE,
			Event.BEFORE_EACH_MIGRATE_STATEMENT, Event.AFTER_EACH_MIGRATE_STATEMENT,
			Event.AFTER_EACH_MIGRATE_STATEMENT_ERROR, Event.AFTER_EACH_MIGRATE, Event.AFTER_EACH_MIGRATE_ERROR,
			Event.BEFORE_REPEATABLES, Event.AFTER_VERSIONED, Event.AFTER_MIGRATE_APPLIED, Event.AFTER_MIGRATE_ERROR);

	/**
	 * The words of every statement Flyway's PostgreSQL parser runs outside a transaction
	 * (CREATE INDEX CONCURRENTLY, VACUUM, ALTER SYSTEM, CREATE DATABASE, ALTER TYPE ... ADD
	 * VALUE, ...): only a file that has one is parsed to ask Flyway.
	 */
	private static final Pattern MAY_NEED_NO_TRANSACTION = Pattern.compile(
			"(?i)\\b(CONCURRENTLY|VACUUM|DISCARD|SYSTEM|DATABASE|TABLESPACE|SUBSCRIPTION|REINDEX|VALUE)\\b");

	private static final String OUR_PACKAGES = "io.schemagate.";

	private final List<Step> steps;

	private final String refusal;

	private final List<MigrationInfo> outside;

	private final int pending;

	private BatchPlan(List<Step> steps, String refusal, List<MigrationInfo> outside, int pending) {
		this.steps = steps;
		this.refusal = refusal;
		this.outside = outside;
		this.pending = pending;
	}

	/** The steps, in the order Flyway would apply them; empty when refused. */
	List<Step> steps() {
		return this.steps;
	}

	/**
	 * How the run is applied: by the batch; when it cannot, by Flyway one migration after
	 * another in one transaction, or each outside a transaction when every one must run
	 * outside one; or refused, when some must run outside the transaction the others need
	 * (Flyway's group mode refuses it, and migrate fails with nothing applied).
	 */
	BatchVerdict verdict() {
		if (this.refusal == null) {
			return new BatchVerdict(BatchVerdict.Outcome.BATCH, null, null);
		}
		if (this.outside.isEmpty()) {
			return new BatchVerdict(BatchVerdict.Outcome.FLYWAY_IN_ONE_TRANSACTION, this.refusal, null);
		}
		return (this.outside.size() == this.pending)
				? new BatchVerdict(BatchVerdict.Outcome.FLYWAY_EACH_OUTSIDE_A_TRANSACTION, this.refusal, null)
				: new BatchVerdict(BatchVerdict.Outcome.REFUSED, this.refusal, this.outside.get(0));
	}

	/**
	 * @param configuration the run's Flyway configuration
	 * @param info Flyway's info of the run: the pending migrations, and the history
	 */
	static BatchPlan of(Configuration configuration, MigrationInfoService info) {
		MigrationInfo[] pending = info.pending();
		String refusal = refusal(configuration);
		MigrationInfo failed = Arrays.stream(info.all())
			.filter((row) -> row.getState().isFailed())
			.findFirst()
			.orElse(null);
		if (refusal == null && failed != null) {
			// Flyway's migrate refuses such a history even when it does not validate it.
			refusal = "the history has a failed migration (" + Versions.name(failed) + ")";
		}
		MigrationScripts scripts = MigrationScripts.of(configuration);
		if (refusal == null && scripts == null) {
			refusal = "a location is neither a classpath: nor a filesystem: folder";
		}
		// Listed once, for the callbacks and for the scripts' configurations.
		Set<String> files = (refusal == null) ? new LinkedHashSet<>(scripts.fileNames()) : Set.of();
		if (refusal == null) {
			refusal = callbackRefusal(configuration, files);
		}
		List<Step> steps = new ArrayList<>();
		if (refusal == null) {
			refusal = steps(configuration, pending, scripts, files, steps);
		}
		if (refusal == null) {
			return new BatchPlan(List.copyOf(steps), null, List.of(), pending.length);
		}
		// Asks Flyway of every file, which parses it: only for a run Flyway applies, slowly, anyway.
		List<MigrationInfo> outside = Arrays.stream(pending).filter((m) -> !FlywayInternals.inTransaction(m)).toList();
		return new BatchPlan(List.of(), refusal, outside, pending.length);
	}

	/**
	 * Read each pending migration's file into {@code steps}, in order, while the batch can
	 * send it: the reason it cannot, or null when it can send them all.
	 */
	private static String steps(Configuration configuration, MigrationInfo[] pending, MigrationScripts scripts,
			Set<String> files, List<Step> steps) {
		// Read once: Flyway's configuration computes these again at every call.
		String placeholderPrefix = configuration.isPlaceholderReplacement() ? configuration.getPlaceholderPrefix() : null;
		String placeholder = configuration.getPlaceholderPrefix() + "name" + configuration.getPlaceholderSuffix();
		for (MigrationInfo migration : pending) {
			if (migration.getType() != CoreMigrationType.SQL) {
				return Versions.name(migration) + " is a " + migration.getType() + " migration, not a SQL file";
			}
			String sql = scripts.read(migration);
			String refusal = (sql == null) ? "the file of " + Versions.name(migration) + " could not be read as Flyway resolved it"
					: hasConfig(files, migration) ? Versions.name(migration) + " has a script configuration (.conf)"
							: migrationRefusal(migration, sql, placeholderPrefix, placeholder);
			if (refusal != null) {
				return refusal;
			}
			steps.add(new Step(migration, sql));
		}
		return null;
	}

	private static String refusal(Configuration configuration) {
		MigrationVersion target = configuration.getTarget();
		if (MigrationVersion.NEXT.equals(target) || MigrationVersion.CURRENT.equals(target)) {
			return "the target is " + target;
		}
		if (configuration.getCherryPick() != null && configuration.getCherryPick().length > 0) {
			return "cherry-picking is set";
		}
		if (configuration.isSkipExecutingMigrations() || !configuration.isExecuteInTransaction()) {
			return "Flyway is set to skip migrations or to run them outside transactions";
		}
		if (configuration.isDetectEncoding()) {
			return "Flyway is set to detect each file's encoding";
		}
		for (Callback callback : configuration.getCallbacks()) {
			// Ours know the batch: it reports progress itself, runs in a transaction and takes the running lock.
			if (!callback.getClass().getPackageName().startsWith(OUR_PACKAGES)) {
				return "the Java callback " + callback.getClass().getName() + " may run around each migration";
			}
		}
		return null;
	}

	/**
	 * Callbacks are files named after their event, e.g. {@code beforeEachMigrate__audit.sql}
	 * or, as scripts, {@code afterEachMigrate.sh}.
	 */
	private static String callbackRefusal(Configuration configuration, Set<String> files) {
		String separator = configuration.getSqlMigrationSeparator();
		for (String file : files) {
			int end = file.indexOf(separator);
			int dot = file.indexOf('.');
			end = (end < 0 || (dot >= 0 && dot < end)) ? dot : end;
			Event event = Event.fromId((end < 0) ? file : file.substring(0, end));
			if (event != null && AROUND_MIGRATIONS.contains(event)) {
				return "the callback " + file + " runs around migrations";
			}
		}
		return null;
	}

	/**
	 * Whether a script configuration ({@code V1__x.sql.conf}) of that name is anywhere in
	 * the locations: where Flyway would read it, and perhaps where it would not, which only
	 * costs the run its speed.
	 */
	private static boolean hasConfig(Set<String> files, MigrationInfo migration) {
		String script = migration.getScript();
		return files.contains(script.substring(script.lastIndexOf('/') + 1) + ".conf");
	}

	private static String migrationRefusal(MigrationInfo migration, String sql, String placeholderPrefix,
			String placeholder) {
		if (MAY_NEED_NO_TRANSACTION.matcher(sql).find()) {
			String verdict = flywaysVerdict(migration);
			if (verdict != null) {
				return verdict;
			}
		}
		String refusal = BatchableSql.refusal(sql, placeholderPrefix, placeholder);
		return (refusal != null) ? Versions.name(migration) + " " + refusal : null;
	}

	/**
	 * Whether a file runs in a transaction is Flyway's decision ({@link FlywayInternals}).
	 * Asking parses the file, as slow as running it here, so files without a word of a
	 * statement that needs no transaction are not asked: PostgreSQL itself refuses such a
	 * statement inside a transaction, so should Flyway ever find another, the run fails
	 * with nothing applied rather than applying it the wrong way. (Files with a .conf, where
	 * Flyway may also be told, go to Flyway.)
	 */
	private static String flywaysVerdict(MigrationInfo migration) {
		String name = Versions.name(migration);
		MigrationExecutor executor = FlywayInternals.executorOf(migration);
		if (executor == null) {
			return "Flyway did not say whether " + name + " runs in a transaction";
		}
		if (!executor.shouldExecute()) {
			return name + " has a condition for running";
		}
		if (!executor.canExecuteInTransaction()) {
			return name + " must run outside a transaction";
		}
		return null;
	}

}
