package io.schemagate.migration;

import java.util.concurrent.atomic.AtomicReference;

/**
 * What this process's migration run is doing, for SIGTERM: nothing, waiting for a lock
 * (nothing to roll back: stop at once), or applying (cancel the statement so that
 * PostgreSQL rolls it back). One run at a time per JVM.
 */
public final class MigrationPhase {

	/** The phases a run goes through. */
	public enum Phase {

		/** No run in progress. */
		IDLE,

		/** Waiting for a lock before anything is applied. */
		WAITING,

		/** Applying migrations, or about to. */
		APPLYING

	}

	private record State(Phase phase, String waitingFor) {

	}

	private static final AtomicReference<State> state = new AtomicReference<>(new State(Phase.IDLE, null));

	private MigrationPhase() {
	}

	/** The phase now. */
	public static Phase get() {
		return state.get().phase();
	}

	/** While {@link Phase#WAITING}, what for: "the migration lock". */
	public static String waitingFor() {
		return state.get().waitingFor();
	}

	public static void applying() {
		state.set(new State(Phase.APPLYING, null));
	}

	public static void idle() {
		state.set(new State(Phase.IDLE, null));
	}

	/**
	 * Waiting for {@code lock}; returns what to restore when the wait ends: a run goes on
	 * applying, anything else was not a run.
	 */
	static Phase waiting(String lock) {
		return state.getAndSet(new State(Phase.WAITING, lock)).phase();
	}

	/** The wait that {@link #waiting} began is over. */
	static void waited(Phase before) {
		state.set(new State(before, null));
	}

}
