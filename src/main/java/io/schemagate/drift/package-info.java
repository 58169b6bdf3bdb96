/**
 * Drift: whether the target's schema is what its applied migrations make, by comparing
 * it with their replay on a scratch database. Uses catalog, trace, shadow, migration and
 * settings.
 */
package io.schemagate.drift;
