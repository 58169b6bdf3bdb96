package io.schemagate.commands;

import java.util.Set;

import io.schemagate.failure.ExitCode;
import io.schemagate.launcher.BuildVersion;
import io.schemagate.launcher.Command;
import io.schemagate.launcher.Invocation;
import io.schemagate.launcher.Options;

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
