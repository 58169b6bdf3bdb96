/**
 * Every setting the launcher reads from the environment, parsed and validated once into
 * {@link io.schemagate.settings.Settings}; a bad value is a
 * {@link io.schemagate.settings.ConfigurationException} (exit 78) naming it. Uses
 * database (URLs), failure and text; nothing below it reads the environment.
 */
package io.schemagate.settings;
