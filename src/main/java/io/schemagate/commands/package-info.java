/**
 * Each command beside its report, and {@link io.schemagate.commands.Commands}, the table
 * that lists them. Uses launcher (Command, OneShotCommand, Options), settings, migration
 * and database; nothing uses it but the application class, which hands the table to the
 * launcher.
 */
package io.schemagate.commands;
