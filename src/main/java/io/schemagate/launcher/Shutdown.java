package io.schemagate.launcher;

import java.sql.SQLException;
import java.time.Duration;
import java.util.OptionalInt;

import org.springframework.context.ConfigurableApplicationContext;

import io.schemagate.database.SessionCanceller;
import io.schemagate.migration.MigrationPhase;
import io.schemagate.settings.Settings;

/**
 * What SIGTERM does. During a migration: cancel it, so that PostgreSQL rolls its
 * transaction back and the history stays consistent, then exit 143. Otherwise: close the
 * context (for {@code serve}, a graceful shutdown: stop accepting, finish in-flight
 * requests, bounded by {@code spring.lifecycle.timeout-per-shutdown-phase}) and exit with
 * the command's code for a requested stop: 0 for {@code serve}, 143 for a one-shot command
 * that did not finish.
 */
final class Shutdown {

	/** 128 + SIGTERM, what a shell reports for a terminated process. */
	static final int TERMINATED = 143;

	private static final Duration MIGRATION_STOP = Duration.ofSeconds(15);

	/** The code the process ends with once SIGTERM has arrived; null before. */
	private static volatile Integer stoppingWith;

	private final Settings settings;

	private final String command;

	private final int exitCode;

	private final Thread hook = new Thread(this::onTermination, "schemagate-shutdown");

	private volatile ConfigurableApplicationContext context;

	Shutdown(Settings settings, String command, int exitCode) {
		this.settings = settings;
		this.command = command;
		this.exitCode = exitCode;
	}

	Shutdown install() {
		Runtime.getRuntime().addShutdownHook(this.hook);
		return this;
	}

	void uninstall() {
		try {
			Runtime.getRuntime().removeShutdownHook(this.hook);
		}
		catch (IllegalStateException ex) {
			// The JVM is shutting down already: the hook is running or has run.
		}
	}

	/** The context to close on termination, known from the moment it is created. */
	void starting(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * The code the process ends with when a stop on SIGTERM is under way: a failure the
	 * stop causes (a cancelled migration, a closed context) is reported with it, not with
	 * the code that failure would have on its own.
	 */
	static OptionalInt stoppingWith() {
		Integer code = stoppingWith;
		return (code != null) ? OptionalInt.of(code) : OptionalInt.empty();
	}

	private void onTermination() {
		if (MigrationPhase.get() == MigrationPhase.Phase.WAITING) {
			stoppingWith = TERMINATED;
			notice("stopping while waiting for " + MigrationPhase.waitingFor() + ": nothing of this run was applied");
			Runtime.getRuntime().halt(TERMINATED);
		}
		if (MigrationPhase.get() == MigrationPhase.Phase.APPLYING) {
			stoppingWith = TERMINATED;
			stopMigration();
			Runtime.getRuntime().halt(TERMINATED);
		}
		stoppingWith = this.exitCode;
		ConfigurableApplicationContext current = this.context;
		if (current != null && current.isActive()) {
			current.close();
		}
		Runtime.getRuntime().halt(this.exitCode);
	}

	private void notice(String message) {
		System.err.println(LauncherLines.notice(message, this.settings.logFormat()));
	}

	private void stopMigration() {
		notice("stopping during a migration: cancelling it, so that PostgreSQL rolls it back");
		try {
			SessionCanceller.cancel(this.settings.migrationDatabase(),
					ApplicationNames.of(this.command, ApplicationNames.MIGRATOR));
		}
		catch (SQLException ex) {
			notice("could not cancel the migration (" + ex.getMessage()
					+ "); PostgreSQL rolls it back when it notices the closed connection");
		}
		long deadline = System.nanoTime() + MIGRATION_STOP.toNanos();
		while (MigrationPhase.get() != MigrationPhase.Phase.IDLE && System.nanoTime() < deadline) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
		try {
			// Let the failure's one-line report reach stderr.
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
