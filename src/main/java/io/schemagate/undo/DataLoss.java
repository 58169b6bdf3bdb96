package io.schemagate.undo;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.flywaydb.core.Flyway;

import io.schemagate.catalog.Relations.Column;
import io.schemagate.catalog.Relations.Relation;
import io.schemagate.catalog.Relations;
import io.schemagate.catalog.TableSizes;
import io.schemagate.migration.MigrationFailedException;
import io.schemagate.postdeploy.PostDeployMigrations;
import io.schemagate.postdeploy.Replay;
import io.schemagate.settings.Settings;
import io.schemagate.shadow.ScratchDatabase;
import io.schemagate.trace.Step;
import io.schemagate.trace.Tracer;

/**
 * The data an undo would drop: the undos are traced on a scratch database (as lint
 * traces migrations), and each table or column they drop is sized from the target, read
 * only: a table by its rows, a column by the rows that hold a value in it, each probed and
 * counted exactly (never trusting statistics that a write since made stale).
 */
final class DataLoss {

	/**
	 * One thing an undo drops that holds data in the target.
	 *
	 * @param undo the undo script, {@code U7 add_note}
	 * @param object what it drops: {@code orders} or {@code orders.note} (the schema
	 * named when not {@code public})
	 * @param column whether it is a column (its rows hold a value) or a table
	 * @param rows how many rows hold data there, counted or estimated; its rows null when
	 * it could not be read in time
	 */
	record Loss(String undo, String object, boolean column, TableSizes.Count rows) {

		/** {@code U7 add_note drops orders.note: 12,000 rows hold a value}. */
		String describe() {
			return this.undo + " drops " + this.object + ": " + how();
		}

		private String how() {
			Long count = this.rows.rows();
			String hold = this.column ? " a value" : " data";
			if (count == null) {
				return "it could not be read in time, so it may hold data";
			}
			if (count < 0) {
				return "rows hold" + hold + " (not counted in time, and the table has no statistics to estimate from)";
			}
			String rows = String.format(Locale.ROOT, "%,d", count) + ((count == 1) ? " row holds" : " rows hold") + hold;
			return this.rows.exact() ? rows : "about " + rows + " (not counted in time; estimated from the statistics)";
		}

	}

	private DataLoss() {
	}

	/**
	 * What the plan's undos would drop that holds data in the target.
	 * @throws MigrationFailedException when an undo fails on the scratch database
	 */
	static List<Loss> of(Flyway flyway, PostDeployMigrations sets, UndoPlan plan, Settings settings,
			java.util.function.Consumer<ScratchDatabase> opened) throws SQLException {
		List<Loss> losses = new ArrayList<>();
		try (TableSizes target = new TableSizes(flyway.getConfiguration().getDataSource(),
				settings.migrationLockTimeout());
				ScratchDatabase shadow = ScratchDatabase.open(settings)) {
			opened.accept(shadow);
			// The target as it is, both sets: the plan undoes the newest of one of them.
			Replay.replay(sets.regular(), sets.postDeploy(), shadow.target());
			Tracer tracer = new Tracer(flyway.getConfiguration(), shadow.target());
			for (UndoPlan.Item item : plan.items()) {
				List<Step> steps = tracer.traceSql(item.undo().sql(), item.undo().inTransaction());
				for (Step step : steps) {
					if (step.error() != null) {
						throw new MigrationFailedException(item.undo().name() + " fails on a copy of the schema at line "
								+ step.line() + ": " + step.error() + "; nothing was undone", null);
					}
					dropped(item.undo().name(), step, target, losses);
				}
			}
		}
		return losses;
	}

	private static void dropped(String undo, Step step, TableSizes target, List<Loss> losses) {
		Relations before = step.before();
		for (Relation table : before.relations().values()) {
			if (!table.isTable()) {
				continue;
			}
			String name = shown(table);
			if (!step.after().relations().containsKey(table.oid())) {
				add(losses, new Loss(undo, name, false, target.rowsIn(table.schema(), table.name())));
				continue;
			}
			for (Map.Entry<String, Column> column : before.columns().entrySet()) {
				if (column.getValue().table() == table.oid() && !step.after().columns().containsKey(column.getKey())) {
					add(losses, new Loss(undo, name + "." + column.getValue().name(), true,
							target.valuesIn(table.schema(), table.name(), column.getValue().name())));
				}
			}
		}
	}

	private static void add(List<Loss> losses, Loss loss) {
		Long rows = loss.rows().rows();
		if (rows == null || rows != 0) {
			losses.add(loss);
		}
	}

	/** {@code orders}, or {@code sales.orders} outside {@code public}. */
	private static String shown(Relation table) {
		return "public".equals(table.schema()) ? table.name() : table.qualifiedName();
	}

}
