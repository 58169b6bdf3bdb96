/**
 * Undo: applied migrations rolled back with their undo scripts ({@code U<version>__x.sql},
 * Flyway's naming), all or nothing, never dropping data in silence, and every undo proven
 * to round-trip on a scratch database ({@code verify-undo}). Uses migration, lint (the
 * target's sizes), trace, shadow, catalog, settings and database.
 */
package io.schemagate.undo;
