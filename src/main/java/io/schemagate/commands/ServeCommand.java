package io.schemagate.commands;

import java.util.Set;

import io.schemagate.failure.ExitCode;
import io.schemagate.launcher.Command;
import io.schemagate.launcher.Contexts;
import io.schemagate.launcher.Invocation;
import io.schemagate.launcher.Options;

/**
 * Starts the web application. With {@code RUN_MIGRATIONS=true} pending migrations are
 * applied while the context starts, before the port opens; otherwise the schema is not
 * touched.
 */
final class ServeCommand implements Command {

	private final Class<?> application;

	ServeCommand(Class<?> application) {
		this.application = application;
	}

	@Override
	public String name() {
		return "serve";
	}

	@Override
	public String summary() {
		return "start the web application (the default); migrates first when RUN_MIGRATIONS=true";
	}

	@Override
	public ExitCode run(Invocation invocation) throws InterruptedException {
		Options.parse(name(), invocation.arguments(), Set.of(), Set.of());
		return Contexts.serve(this.application, invocation);
	}

}
