/**
 * What PostgreSQL's catalogs say a database holds, read in Java (the image has no
 * pg_dump): {@link io.schemagate.catalog.Relations}, the light reading lint takes around
 * every statement; {@link io.schemagate.catalog.SchemaSnapshot}, the normalized whole
 * schema undo's proofs and the drift check compare; {@link io.schemagate.catalog.TableSizes},
 * rows and sizes from the target's statistics, read in a read-only session. Uses nothing
 * of ours; reads a connection it is given.
 */
package io.schemagate.catalog;
