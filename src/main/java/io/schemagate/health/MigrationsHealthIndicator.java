package io.schemagate.health;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code migrations} health component: out of service while migrations this build
 * needs are pending or migrate would refuse to run, down when the schema cannot be read. It reads the cached state
 * only, so a health check never queries the database.
 */
class MigrationsHealthIndicator implements HealthIndicator {

	private final SchemaState state;

	private final boolean enabled;

	MigrationsHealthIndicator(SchemaState state, boolean enabled) {
		this.state = state;
		this.enabled = enabled;
	}

	@Override
	public Health health() {
		if (!this.enabled) {
			return Health.up().withDetail("check", "off").build();
		}
		SchemaState.Snapshot snapshot = this.state.get();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("currentVersion", (snapshot.currentVersion() != null) ? snapshot.currentVersion() : "empty");
		details.put("pendingCount", snapshot.pending().size());
		if (!snapshot.pending().isEmpty()) {
			details.put("pending", snapshot.pending());
		}
		if (!snapshot.refused().isEmpty()) {
			details.put("refused", snapshot.refused());
		}
		if (!snapshot.ahead().isEmpty()) {
			details.put("appliedByNewerBuild", snapshot.ahead());
		}
		details.put("lastCheck", (snapshot.checkedAt() != null) ? snapshot.checkedAt().toString() : "never");
		Status status;
		if (!snapshot.checked()) {
			status = Status.OUT_OF_SERVICE;
		}
		else if (snapshot.error() != null) {
			details.put("error", snapshot.error());
			status = Status.DOWN;
		}
		else {
			status = (snapshot.pending().isEmpty() && snapshot.refused().isEmpty()) ? Status.UP : Status.OUT_OF_SERVICE;
		}
		return Health.status(status).withDetails(details).build();
	}

}
