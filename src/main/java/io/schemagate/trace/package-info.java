/**
 * The trace: pending migrations run on the scratch database as Flyway will run them on
 * the target, statement by statement, with the relations before and after each and the
 * locks it took. Uses catalog, database and migration (Flyway's verdicts, the scripts).
 */
package io.schemagate.trace;
