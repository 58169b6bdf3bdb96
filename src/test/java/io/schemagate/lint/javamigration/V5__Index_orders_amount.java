package io.schemagate.lint.javamigration;

import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A Java migration for LintTests: an index built without CONCURRENTLY on the orders table,
 * which lint can only see by letting Flyway run it on the scratch database.
 */
public class V5__Index_orders_amount extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws Exception {
		try (Statement statement = context.getConnection().createStatement()) {
			statement.execute("CREATE INDEX orders_amount ON orders (amount)");
		}
	}

}
