package io.schemagate.launcher;

import java.io.PrintStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.PortInUseException;

import io.schemagate.failure.ExitCode;
import io.schemagate.failure.Failure;
import io.schemagate.settings.Settings;

/**
 * The one place where failures become exit codes and one-line messages: a failure says
 * its own code ({@link Failure}). Spring wraps what fails while its context starts, so
 * the cause chain is searched for the first that does. Stack traces go to the debug log
 * only.
 */
final class ExitCodes {

	private static final Logger logger = LoggerFactory.getLogger(ExitCodes.class);

	/** Spring Boot's bean that starts the actuator's server; a failure to start it names it. */
	private static final String MANAGEMENT_SERVER_BEAN = "'childManagementContextInitializer'";

	private ExitCodes() {
	}

	/** Print the failure as one line on {@code err} and return its exit code. */
	static ExitCode report(Throwable failure, PrintStream err, Settings.LogFormat format) {
		Throwable known = findKnown(failure);
		ExitCode code = (known != null) ? codeOf(known) : ExitCode.INTERNAL;
		String message = (known != null) ? messageOf(known, failure) : unexpected(failure);
		err.println(LauncherLines.error(message, Shutdown.stoppingWith().orElse(code.code()), format));
		if (code == ExitCode.USAGE && format.structuredFormat() == null) {
			err.println("Run 'help' for the commands and settings.");
		}
		if (code != ExitCode.USAGE && code != ExitCode.CONFIGURATION) {
			// Only failures from a started context come here, so logging is set up by then.
			logger.debug("exit {} after failure", code.code(), failure);
		}
		return code;
	}

	private static Throwable findKnown(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (codeOf(cause) != null) {
				return cause;
			}
		}
		return null;
	}

	private static ExitCode codeOf(Throwable failure) {
		if (failure instanceof Failure known) {
			return known.exitCode();
		}
		// Spring Boot's own, thrown while a web server starts.
		return (failure instanceof PortInUseException) ? ExitCode.CONFIGURATION : null;
	}

	private static String messageOf(Throwable known, Throwable failure) {
		if (known instanceof PortInUseException portInUse) {
			return (startingManagementServer(failure) ? "MANAGEMENT_SERVER_PORT" : "SERVER_PORT") + ": port "
					+ portInUse.getPort() + " is already in use; stop what listens there or choose another port";
		}
		return known.getMessage();
	}

	private static boolean startingManagementServer(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null && cause.getMessage().contains(MANAGEMENT_SERVER_BEAN)) {
				return true;
			}
		}
		return false;
	}

	private static String unexpected(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage().strip().lines().findFirst().orElse("")
				: root.getClass().getSimpleName();
		return "unexpected failure: " + message + " (set LOGGING_LEVEL_IO_SCHEMAGATE=debug for the stack trace)";
	}

}
