package io.schemagate.commands;

import java.util.Set;

import org.springframework.context.ApplicationContext;

import io.schemagate.launcher.OneShotCommand;
import io.schemagate.launcher.Options;
import io.schemagate.launcher.UsageException;
import io.schemagate.settings.ConfigurationException;
import io.schemagate.text.Report;
import io.schemagate.text.Shown;

/** Adopts a database created without migrations by recording a version as applied. */
final class BaselineCommand extends OneShotCommand {

	private static final String VERSION = "--version";

	private static final String DESCRIPTION = "--description";

	BaselineCommand() {
		super("baseline", "--version V: record V as applied on a database without migration history", true,
				Set.of(), Set.of(VERSION, DESCRIPTION), BaselineCommand::baseline);
	}

	@Override
	protected void check(Options options) {
		String version = options.value(VERSION);
		if (version == null) {
			throw new UsageException("baseline: --version is required, e.g. baseline --version 3");
		}
		if (!version.matches("[0-9]{1,18}(\\.[0-9]{1,18}){0,9}")) {
			throw new ConfigurationException("baseline --version: " + Shown.value(version)
					+ " is not a version; use numbers separated by dots, e.g. 3 or 2.1");
		}
	}

	private static Report baseline(ApplicationContext context, Options options) {
		String description = (options.value(DESCRIPTION) != null) ? options.value(DESCRIPTION) : "baseline";
		return BaselineReport.of(flyway(context), options.value(VERSION), description);
	}

}
