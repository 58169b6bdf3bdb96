package io.schemagate;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.schemagate.commands.Commands;
import io.schemagate.launcher.Launcher;

/**
 * The web application {@code serve} starts, and the entry point of every command.
 */
@SpringBootApplication
public class Application {

	public static void main(String[] args) {
		int exitCode = launcher().run(args, System.getenv(), System.out, System.err);
		System.exit(exitCode);
	}

	/** The command line with every command. */
	public static Launcher launcher() {
		return new Launcher(Commands.all(Application.class));
	}

}
