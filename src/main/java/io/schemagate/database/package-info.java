/**
 * Reaching PostgreSQL: database URLs in both forms, the target (never printing its
 * password), waiting for the server, reading SQL errors, naming the sessions in the way.
 * Uses failure and text only.
 */
package io.schemagate.database;
