package io.schemagate.postdeploy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreMigrationType;
import org.flywaydb.core.api.MigrationInfo;

import io.schemagate.database.DatabaseTarget;
import io.schemagate.migration.Versions;
import io.schemagate.trace.Tracer;

/**
 * Brings a scratch database to what the target's applied migrations make, with both sets
 * in the order the target applied them: a release's post-deploy migrations ran after its
 * regular ones and before the next release's, and a replay that ran each set whole would
 * build another schema (a column dropped after the next release's migration used it, or
 * before). Consecutive migrations of one set replay in one Flyway run.
 */
public final class Replay {

	private Replay() {
	}

	private record Applied(MigrationSet.Kind set, MigrationInfo migration) {

	}

	/**
	 * Replay {@code regular}'s and {@code postDeploy}'s applied versioned migrations as
	 * this build has them, in the target's order, then the repeatable ones the target has
	 * applied.
	 * @throws org.flywaydb.core.api.FlywayException when one fails on the scratch database
	 */
	public static void replay(Flyway regular, Optional<Flyway> postDeploy, DatabaseTarget shadow) {
		Tracer regularTracer = new Tracer(regular.getConfiguration(), shadow);
		if (postDeploy.isEmpty()) {
			regularTracer.replay(Versions.of(regular.info().current()), Tracer.appliedRepeatables(regular.info()));
			return;
		}
		Tracer postTracer = new Tracer(postDeploy.get().getConfiguration(), shadow);
		List<Applied> applied = new ArrayList<>();
		versioned(regular, MigrationSet.Kind.REGULAR, applied);
		versioned(postDeploy.get(), MigrationSet.Kind.POST_DEPLOY, applied);
		// Stable sort: within a set, Flyway's order stays where two share a timestamp.
		applied.sort(Comparator.comparing((Applied entry) -> entry.migration().getInstalledOn()));
		for (int i = 0; i < applied.size(); i++) {
			Applied entry = applied.get(i);
			boolean lastOfRun = i == applied.size() - 1 || applied.get(i + 1).set() != entry.set();
			if (lastOfRun) {
				Tracer tracer = (entry.set() == MigrationSet.Kind.REGULAR) ? regularTracer : postTracer;
				tracer.replay(Versions.of(entry.migration()));
			}
		}
		regularTracer.replay(null, Tracer.appliedRepeatables(regular.info()));
		postTracer.replay(null, Tracer.appliedRepeatables(postDeploy.get().info()));
	}

	private static void versioned(Flyway flyway, MigrationSet.Kind set, List<Applied> into) {
		Arrays.stream(flyway.info().applied())
			.filter((migration) -> migration.getVersion() != null && migration.getInstalledOn() != null
					&& migration.getType() != CoreMigrationType.BASELINE && migration.getState().isResolved()
					&& !migration.getState().isFailed())
			.forEach((migration) -> into.add(new Applied(set, migration)));
	}

}
