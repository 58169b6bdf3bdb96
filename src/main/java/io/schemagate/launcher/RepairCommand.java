package io.schemagate.launcher;

import java.util.Set;

import org.springframework.context.ApplicationContext;

import io.schemagate.migration.RepairReport;
import io.schemagate.migration.Report;

/** Flyway's repair, printing what it changed. */
final class RepairCommand extends OneShotCommand {

	RepairCommand() {
		super(Set.of(), Set.of());
	}

	@Override
	boolean changesSchema() {
		return true;
	}

	@Override
	public String name() {
		return "repair";
	}

	@Override
	public String summary() {
		return "remove failed rows, realign checksums with the files; prints what changed";
	}

	@Override
	Report execute(ApplicationContext context, Options options) {
		return RepairReport.of(flyway(context));
	}

}
