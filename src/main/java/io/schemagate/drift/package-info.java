/**
 * Drift: whether the target's schema is what its applied migrations make, by comparing
 * it with their replay on a scratch database. Uses catalog, shadow, migration, postdeploy
 * (both sets replayed as applied), settings and database.
 */
package io.schemagate.drift;
