package io.schemagate.health;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The last thing known about the schema, read by health, info and metrics without a
 * query: the schema watcher alone talks to the database.
 */
public class SchemaState {

	private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(Snapshot.UNCHECKED);

	/**
	 * One reading of the schema.
	 *
	 * @param checked whether a check has run
	 * @param currentVersion the schema version, or null for an empty schema
	 * @param pending versions this build needs that are not applied
	 * @param ahead versions applied by a newer build
	 * @param refused why migrate would refuse to run over this schema, one line each
	 * @param checkedAt when the reading was taken
	 * @param error why the last check failed, or null
	 */
	public record Snapshot(boolean checked, String currentVersion, List<String> pending, List<String> ahead,
			List<String> refused, Instant checkedAt, String error) {

		static final Snapshot UNCHECKED = new Snapshot(false, null, List.of(), List.of(), List.of(), null, null);

	}

	public Snapshot get() {
		return this.snapshot.get();
	}

	/** Record a reading; returns the previous one. */
	Snapshot set(Snapshot reading) {
		return this.snapshot.getAndSet(reading);
	}

}
