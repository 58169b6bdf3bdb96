/**
 * Undo: applied migrations rolled back with their undo scripts ({@code U<version>__x.sql},
 * Flyway's naming), all or nothing, never dropping data in silence, and every undo proven
 * to round-trip on a scratch database ({@code verify-undo}). Uses migration, postdeploy
 * (which set an undo belongs to), trace, shadow, catalog (snapshots and the target's
 * sizes), settings, text and database.
 */
package io.schemagate.undo;
