package io.schemagate.migration;

import org.flywaydb.core.Flyway;

/**
 * A check of the pending migrations before a run applies them (lint, with MIGRATION_LINT
 * set): it logs what it finds, or refuses the run by throwing.
 */
@FunctionalInterface
public interface MigrationGate {

	/**
	 * Check what {@code flyway} would apply.
	 * @throws MigrationFailedException to refuse the run, with nothing applied
	 */
	void check(Flyway flyway);

}
