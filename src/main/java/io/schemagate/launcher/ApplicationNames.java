package io.schemagate.launcher;

import java.util.Map;

/**
 * The {@code application_name} of our connections: what runs, where and as which process,
 * e.g. {@code schemagate-migrate-migrator@api-7d9f:1}, so that operators can tell in
 * pg_stat_activity who holds a lock, and SIGTERM can cancel this process's own
 * migration.
 */
final class ApplicationNames {

	static final String MIGRATOR = "-migrator";

	/** PostgreSQL keeps the first 63 bytes. */
	private static final int MAX_LENGTH = 63;

	private static final String HOST = host(System.getenv());

	private ApplicationNames() {
	}

	static String of(String command, String role) {
		String name = "schemagate-" + command + role + "@" + HOST + ":" + ProcessHandle.current().pid();
		return (name.length() <= MAX_LENGTH) ? name : name.substring(0, MAX_LENGTH);
	}

	private static String host(Map<String, String> environment) {
		String host = environment.get("HOSTNAME");
		if (host == null || host.isBlank()) {
			return "local";
		}
		String plain = host.replaceAll("[^A-Za-z0-9.\\-_]", "");
		return plain.isEmpty() ? "local" : plain;
	}

}
