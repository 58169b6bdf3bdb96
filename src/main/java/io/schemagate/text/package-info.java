/**
 * How values, messages and results are shown to people: {@link io.schemagate.text.Shown}
 * for values in one-line messages (quoted, cut, escaped), {@link io.schemagate.text.Report}
 * for a command's result (text, or JSON). Depends on nothing else of ours, so every
 * package may use it.
 */
package io.schemagate.text;
