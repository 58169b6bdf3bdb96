package io.schemagate.undo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

import io.schemagate.catalog.SchemaSnapshot;
import io.schemagate.database.SqlErrors;
import io.schemagate.migration.HistorySchema;
import io.schemagate.migration.Versions;
import io.schemagate.settings.Settings;
import io.schemagate.shadow.ScratchDatabase;
import io.schemagate.trace.Step;
import io.schemagate.trace.Tracer;

/**
 * Proves each undo script on a scratch database, in one pass over this build's
 * migrations: the schema before a migration, the migration, its undo (the schema must be
 * as before), the migration again (the schema must be as the first time), then on to the
 * next. Schemas compare by {@link SchemaSnapshot}. The target is not touched.
 */
public class VerifyUndo implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(VerifyUndo.class);

	/** How one migration's undo fared. */
	public enum Outcome {

		/** The undo brings the schema back, and the migration applies again to the same schema. */
		ROUND_TRIPS,

		/** Something differs, or fails: each difference is listed. */
		DIFFERS,

		/** The migration has no undo file. */
		NO_UNDO_FILE,

		/** Not proven: an earlier proof left the scratch database where no later one can start. */
		NOT_PROVEN

	}

	/**
	 * One migration's proof.
	 *
	 * @param version the migration's version
	 * @param description what it does
	 * @param undo its undo file, or null
	 * @param outcome how its undo fared
	 * @param differences each object that is not as it should be, one line each
	 * @param broken whether the scratch database is left in a state the next proofs cannot
	 * start from (an undo that failed outside a transaction, a migration that does not apply
	 * again): the proof stops there
	 */
	public record Result(String version, String description, String undo, Outcome outcome, List<String> differences,
			@JsonIgnore boolean broken) {

	}

	private final Settings settings;

	private volatile ScratchDatabase open;

	public VerifyUndo(Settings settings) {
		this.settings = settings;
	}

	/** Prove every undo script of {@code flyway}'s build, on a scratch database of its target's server. */
	public List<Result> verify(Flyway flyway) {
		return verify(null, flyway);
	}

	/**
	 * Prove every undo script of the post-deploy set {@code postDeploy}, on a scratch
	 * database that {@code regular}'s migrations (all of this build's) are applied to
	 * first, as they are on a target when {@code migrate --post} runs.
	 */
	public List<Result> verifyPostDeploy(Flyway regular, Flyway postDeploy) {
		return verify(regular, postDeploy);
	}

	private List<Result> verify(Flyway under, Flyway flyway) {
		Map<String, UndoScripts.Undo> undos = UndoScripts.of(flyway);
		List<MigrationInfo> migrations = Arrays.stream(flyway.info().all())
			.filter((migration) -> migration.getVersion() != null && Versions.isFile(migration))
			.sorted(Comparator.comparing(MigrationInfo::getVersion))
			.toList();
		List<Result> results = new ArrayList<>();
		try (ScratchDatabase shadow = ScratchDatabase.open(this.settings)) {
			this.open = shadow;
			if (under != null) {
				MigrationVersion newest = Versions.newest(under.info().all());
				new Tracer(under.getConfiguration(), shadow.target())
					.replay((newest != null) ? newest.getVersion() : null);
			}
			Tracer tracer = new Tracer(flyway.getConfiguration(), shadow.target());
			Result broken = null;
			for (MigrationInfo migration : migrations) {
				if (broken != null) {
					results.add(notProven(migration, undos.get(Versions.of(migration)), broken));
					continue;
				}
				Result result = prove(flyway, tracer, shadow, migration, undos.get(Versions.of(migration)));
				results.add(result);
				broken = result.broken() ? result : null;
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("verify-undo could not read the scratch database: "
					+ SqlErrors.firstLine(ex.getMessage()), ex);
		}
		finally {
			this.open = null;
		}
		return results;
	}

	private static Result prove(Flyway flyway, Tracer tracer, ScratchDatabase shadow, MigrationInfo migration,
			UndoScripts.Undo undo) throws SQLException {
		String version = Versions.of(migration);
		SchemaSnapshot before = snapshot(shadow);
		tracer.replay(version);
		if (undo == null || undo.sql() == null) {
			return new Result(version, migration.getDescription(), null, Outcome.NO_UNDO_FILE, List.of(), false);
		}
		SchemaSnapshot applied = snapshot(shadow);
		List<Step> steps = tracer.traceSql(undo.sql(), undo.inTransaction());
		Step last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
		if (last != null && last.error() != null) {
			// Outside a transaction the schema is now anyone's guess: the next proofs would mean nothing.
			return new Result(version, migration.getDescription(), undo.script(), Outcome.DIFFERS,
					List.of(undo.name() + " fails at line " + last.line() + ": " + last.error()), !undo.inTransaction());
		}
		List<String> differences = new ArrayList<>();
		before.differencesFrom(snapshot(shadow))
			.forEach((difference) -> differences.add("after " + undo.name() + ": "
					+ difference.describe("before " + Versions.name(migration), "after its undo")));
		forget(flyway, shadow, version);
		boolean broken = false;
		try {
			tracer.replay(version);
			applied.differencesFrom(snapshot(shadow))
				.forEach((difference) -> differences.add("applied again: "
						+ difference.describe("the first time", "the second time")));
		}
		catch (FlywayException ex) {
			SQLException sql = SqlErrors.find(ex);
			differences.add(Versions.name(migration) + " does not apply again after its undo: "
					+ SqlErrors.firstLine((sql != null) ? sql.getMessage() : ex.getMessage()));
			broken = true;
		}
		logger.info("verify-undo: {} {}", undo.name(), differences.isEmpty() ? "round-trips" : "differs");
		return new Result(version, migration.getDescription(), undo.script(),
				differences.isEmpty() ? Outcome.ROUND_TRIPS : Outcome.DIFFERS, List.copyOf(differences), broken);
	}

	/** A migration after the proof that broke the scratch database: listed, not silently left out. */
	private static Result notProven(MigrationInfo migration, UndoScripts.Undo undo, Result broken) {
		return new Result(Versions.of(migration), migration.getDescription(), (undo != null) ? undo.script() : null,
				Outcome.NOT_PROVEN, List.of("not proven: the proof of V" + broken.version() + " left the scratch database"
						+ " where no later proof can start; fix it, then run verify-undo again"), false);
	}

	private static SchemaSnapshot snapshot(ScratchDatabase shadow) throws SQLException {
		try (Connection connection = shadow.connect()) {
			return SchemaSnapshot.read(connection);
		}
	}

	/** Take the version out of the scratch database's history, as undo does on the target. */
	private static void forget(Flyway flyway, ScratchDatabase shadow, String version) throws SQLException {
		try (Connection connection = shadow.connect()) {
			String history = HistorySchema.qualified(flyway.getConfiguration(), connection,
					flyway.getConfiguration().getTable());
			try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + history + " WHERE version = ?")) {
				delete.setString(1, version);
				delete.executeUpdate();
			}
		}
	}

	@Override
	public void destroy() {
		ScratchDatabase shadow = this.open;
		if (shadow != null) {
			shadow.close();
		}
	}

}
