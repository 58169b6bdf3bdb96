/**
 * The scratch database that lint, undo, verify-undo and {@code validate --schema} execute
 * migrations on, never the target: made or emptied, refused when it is not ours to empty,
 * always dropped when we made it. Uses database and settings.
 */
package io.schemagate.shadow;
