/**
 * MIGRATION_BATCH: a run's pending migrations sent in one transaction, dozens of files to
 * a round trip, with the history rows Flyway would write. The rest of the code calls two
 * types: {@link io.schemagate.migration.batch.BatchMigration} (arm a run, then what it
 * applied) and {@link io.schemagate.migration.batch.BatchVerdict} (how a run would be
 * applied, and why). Uses migration's progress, locks, scripts and Flyway internals only.
 */
package io.schemagate.migration.batch;
