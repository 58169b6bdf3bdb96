/**
 * The scratch database that lint executes migrations on, never the target: made or
 * emptied, refused when it is not lint's to empty, always dropped when lint made it. Uses
 * database, settings and text.
 */
package io.schemagate.shadow;
