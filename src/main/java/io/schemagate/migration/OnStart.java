package io.schemagate.migration;

/**
 * What Flyway's start-up hook does while a context starts, before the web server opens
 * its port: {@code serve} with RUN_MIGRATIONS=true migrates, with SCHEMA_CHECK=fail it
 * refuses a schema this build is ahead of; a one-shot command does neither (it runs its
 * own action). The launcher registers the one that applies; without one, nothing.
 */
public enum OnStart {

	/** Apply pending migrations. */
	MIGRATE,

	/** Fail (exit 65) when migrations this build needs are pending or migrate would refuse. */
	REFUSE_A_SCHEMA_BEHIND,

	/** Leave the schema alone. */
	NOTHING

}
