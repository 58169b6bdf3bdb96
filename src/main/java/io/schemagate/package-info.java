/**
 * The application: {@link io.schemagate.Application}, the Spring Boot application that
 * {@code serve} starts and the entry point of every command. Nothing else lives here.
 */
package io.schemagate;
