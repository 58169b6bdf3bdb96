package io.schemagate.database;

import java.time.Duration;

/**
 * How long a process waited for its database before it started.
 *
 * @param waited the time waited
 */
public record DatabaseWait(Duration waited) {

}
