/**
 * The command line's plumbing: looking commands up by name, options, usage, the one-shot
 * and web contexts, SIGTERM, exit codes and the final error line, the start-up archive.
 * It knows no command (the application hands it the table) and uses settings, failure,
 * text, database (waiting for it, cancelling a migration on SIGTERM) and migration (the
 * Flyway wiring its contexts import, the phase SIGTERM asks about); {@code Contexts} also
 * imports the configuration classes of postdeploy, lint, undo and drift, as Spring needs.
 */
package io.schemagate.launcher;
