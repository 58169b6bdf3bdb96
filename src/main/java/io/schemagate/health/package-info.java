/**
 * Schema-aware readiness for {@code serve}: a watcher that reads the schema every
 * interval, the cached state health, info and meters read without a query. Uses
 * migration (the schema reading), settings and database.
 */
package io.schemagate.health;
