/**
 * How values and messages are shown to people in one line: quoted, cut, escaped. Depends
 * on nothing else of ours, so every package may use it.
 */
package io.schemagate.text;
