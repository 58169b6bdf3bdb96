package io.schemagate;

import java.util.HashMap;
import java.util.Map;

import io.schemagate.support.TestDatabase;

/**
 * The application on a throwaway PostgreSQL, for trying it out: {@code ./mvnw
 * spring-boot:test-run}. Migrations run at start unless RUN_MIGRATIONS says otherwise;
 * arguments are passed to the launcher as they would be to {@code ./entrypoint}.
 */
public final class TestApplication {

	private TestApplication() {
	}

	public static void main(String[] args) {
		TestDatabase database = TestDatabase.create();
		Map<String, String> environment = new HashMap<>(System.getenv());
		environment.putIfAbsent("RUN_MIGRATIONS", "true");
		environment.put("DATABASE_URL", database.url());
		System.err.printf("Throwaway PostgreSQL: psql -h %s -p %d -U postgres %s (password %s)%n", database.host(),
				database.port(), database.name(), "in TestPostgres.ADMIN_PASSWORD");
		System.exit(Application.launcher().run(args, environment, System.out, System.err));
	}

}
