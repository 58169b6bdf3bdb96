package io.schemagate.launcher;

import java.util.Set;

/** Prints the launcher's version. */
final class VersionCommand implements Command {

	@Override
	public String name() {
		return "version";
	}

	@Override
	public String summary() {
		return "print the version and exit";
	}

	@Override
	public ExitCode run(Invocation invocation) {
		Options.parse(name(), invocation.arguments(), Set.of(), Set.of());
		invocation.out().println("schemagate " + BuildVersion.get());
		return ExitCode.OK;
	}

}
