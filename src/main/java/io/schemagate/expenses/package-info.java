/**
 * The demo API: expenses over HTTP on the migrated schema, with problem details for bad
 * input. It knows none of the rest, and nothing else knows it.
 */
package io.schemagate.expenses;
