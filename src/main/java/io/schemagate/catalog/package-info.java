/**
 * What PostgreSQL's catalogs say a database holds, read in Java (the image has no
 * pg_dump): {@link io.schemagate.catalog.Relations}, the light reading lint takes around
 * every statement. Uses nothing of ours; reads a connection it is given.
 */
package io.schemagate.catalog;
