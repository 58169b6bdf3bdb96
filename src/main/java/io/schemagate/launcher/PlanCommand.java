package io.schemagate.launcher;

import java.util.Set;

import org.springframework.context.ApplicationContext;

import io.schemagate.migration.PlanReport;
import io.schemagate.migration.Report;

/** What migrate would do, in order, with the SQL, changing nothing. */
final class PlanCommand extends OneShotCommand {

	PlanCommand() {
		super(Set.of(), Set.of());
	}

	@Override
	public String name() {
		return "plan";
	}

	@Override
	public String summary() {
		return "show what migrate would apply, in order, with its SQL; changes nothing";
	}

	@Override
	Report execute(ApplicationContext context, Options options) {
		return PlanReport.of(flyway(context));
	}

}
