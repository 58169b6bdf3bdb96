package io.schemagate.undo;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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
 * only: a table by its rows, a column by the rows that hold a value in it.
 */
final class DataLoss {

	/**
	 * One thing an undo drops that holds data in the target.
	 *
	 * @param undo the undo script, {@code U7 add_note}
	 * @param object what it drops: {@code public.orders} or {@code public.orders.note}
	 * @param rows how many rows hold data there; -1 for some, not counted (no statistics);
	 * null when it could not be read in time
	 */
	record Loss(String undo, String object, Long rows) {

		/** {@code U7 add_note drops public.orders.note: 12000 rows hold a value}. */
		String describe() {
			String how = (this.rows == null) ? "it could not be read in time, so it may hold data"
					: (this.rows < 0) ? "rows hold a value (how many is not counted: the table has no statistics yet)"
							: this.rows + " row(s) hold a value";
			return this.undo + " drops " + this.object + ": " + how;
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
			if (!step.after().relations().containsKey(table.oid())) {
				TableSizes.Size size = target.of(table.schema(), table.name());
				if (size.exists() && !Boolean.FALSE.equals(size.hasRows())) {
					Long rows = (size.rows() == null && Boolean.TRUE.equals(size.hasRows())) ? Long.valueOf(-1) : size.rows();
					losses.add(new Loss(undo, table.qualifiedName(), rows));
				}
				continue;
			}
			for (Map.Entry<String, Column> column : before.columns().entrySet()) {
				if (column.getValue().table() == table.oid() && !step.after().columns().containsKey(column.getKey())) {
					Long values = target.valuesIn(table.schema(), table.name(), column.getValue().name());
					if (values == null || values != 0) {
						losses.add(new Loss(undo, table.qualifiedName() + "." + column.getValue().name(), values));
					}
				}
			}
		}
	}

}
