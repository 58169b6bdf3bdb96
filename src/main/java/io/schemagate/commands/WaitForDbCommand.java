package io.schemagate.commands;

import java.util.Locale;

import org.springframework.context.ApplicationContext;

import io.schemagate.database.DatabaseWait;
import io.schemagate.launcher.OneShotCommand;
import io.schemagate.launcher.Options;
import io.schemagate.settings.Settings;
import io.schemagate.text.Report;

/** Waits until the database accepts an authenticated connection: for scripts and init containers. */
final class WaitForDbCommand extends OneShotCommand {

	WaitForDbCommand() {
		super("wait-for-db", "wait until the database accepts the credentials (exit 69 at DB_WAIT_TIMEOUT, 77 if refused)",
				false, WaitForDbCommand::ready);
	}

	private static Report ready(ApplicationContext context, Options options) {
		DatabaseWait wait = context.getBean(DatabaseWait.class);
		return new Ready(context.getBean(Settings.class).database().describe(), wait.waited().toMillis());
	}

	/**
	 * The database is ready.
	 *
	 * @param database the database, without password
	 * @param waitedMs how long the wait took
	 */
	record Ready(String database, long waitedMs) implements Report {

		@Override
		public String text() {
			return String.format(Locale.ROOT, "database %s is ready (waited %.1fs)", this.database,
					this.waitedMs / 1000.0);
		}

	}

}
