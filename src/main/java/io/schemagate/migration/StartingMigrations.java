package io.schemagate.migration;

import org.flywaydb.core.Flyway;

/**
 * What {@code serve} with RUN_MIGRATIONS=true applies while its context starts: every
 * set of migrations the build carries (the post-deploy package registers both); without
 * one, the regular set.
 */
@FunctionalInterface
public interface StartingMigrations {

	void apply(Flyway flyway);

}
