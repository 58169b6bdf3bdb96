package io.schemagate.migration;

import java.util.Arrays;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

/**
 * Whether this build can serve the schema as it is, for readiness: nothing it needs is
 * pending, and {@code migrate} would not refuse to run over what it has (a file added
 * out of order, a failed row, a file edited after it was applied). Migrations applied by
 * a newer build, whether beyond this build's newest or out of order below it, keep it
 * ready: that is the schema during a rollout or after an app rollback.
 *
 * @param currentVersion the schema version, or null for an empty schema
 * @param pending the versions this build would apply
 * @param pendingNames the same as operators name them: {@code V3 add_index}
 * @param refused why migrate would refuse to run, one line each
 * @param ahead the versions a newer build applied
 */
public record SchemaReading(String currentVersion, List<String> pending, List<String> pendingNames,
		List<String> refused, List<String> ahead) {

	/** Read the schema; changes nothing. */
	public static SchemaReading of(Flyway flyway) {
		MigrationInfoService info = flyway.info();
		List<String> refused = HistoryCheck.mismatches(flyway)
			.stream()
			.filter((mismatch) -> !mismatch.isAppliedElsewhere())
			.map((mismatch) -> mismatch.name() + ": " + mismatch.problem())
			.toList();
		MigrationInfo[] pending = info.pending();
		return new SchemaReading(Versions.of(info.current()), names(pending),
				Arrays.stream(pending).map(Versions::name).toList(), refused,
				names(Arrays.stream(info.all()).filter(Versions::isAhead).toArray(MigrationInfo[]::new)));
	}

	/** Whether this build can serve the schema. */
	public boolean ready() {
		return this.pending.isEmpty() && this.refused.isEmpty();
	}

	private static List<String> names(MigrationInfo[] migrations) {
		return Arrays.stream(migrations)
			.map((migration) -> (migration.getVersion() != null) ? migration.getVersion().getVersion()
					: "R " + migration.getDescription())
			.toList();
	}

}
