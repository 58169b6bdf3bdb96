package io.schemagate.launcher;

import java.util.Set;

import org.springframework.context.ApplicationContext;

import io.schemagate.migration.HistoryReport;
import io.schemagate.migration.Report;

/** Every applied migration, flagging failed ones and ones this build does not know. */
final class HistoryCommand extends OneShotCommand {

	HistoryCommand() {
		super(Set.of(), Set.of());
	}

	@Override
	public String name() {
		return "history";
	}

	@Override
	public String summary() {
		return "every applied migration: when, by whom, how long, success";
	}

	@Override
	Report execute(ApplicationContext context, Options options) {
		return HistoryReport.of(flyway(context));
	}

}
