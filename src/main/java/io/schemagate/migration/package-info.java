/**
 * How migrations are applied: Flyway configured once for every command
 * ({@link io.schemagate.migration.MigrationConfiguration}), the run and its retries
 * ({@link io.schemagate.migration.Migrator}), the locks that keep migrators apart,
 * progress and metrics, the checks of files and history, failures as the launcher
 * reports them. Every use of Flyway's internal classes is in
 * {@link io.schemagate.migration.FlywayInternals}. Uses database, settings, failure and
 * text, and the batch through its two public types; never commands.
 */
package io.schemagate.migration;
