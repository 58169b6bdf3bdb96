/**
 * Post-deploy migrations (expand, deploy, contract): a second set of Flyway migrations
 * ({@code POST_MIGRATION_LOCATIONS}) with a history table of its own, applied by
 * {@code migrate --post} once every replica runs the release; the rule for an earlier
 * release's ones left pending; both sets as every command reads them. Uses migration,
 * settings, database, text (the migrate report) and trace (the replay of both sets on a
 * scratch database); never commands.
 */
package io.schemagate.postdeploy;
