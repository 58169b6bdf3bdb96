/**
 * Each command beside its report, and {@link io.schemagate.commands.Commands}, the table
 * that lists them. Uses the launcher's plumbing (Command, OneShotCommand, Options), text,
 * failure, settings and database, and the features it runs: migration (and its batch
 * verdict), postdeploy, lint, undo, drift and trace. Nothing uses it but the application
 * class, which hands the table to the launcher.
 */
package io.schemagate.commands;
