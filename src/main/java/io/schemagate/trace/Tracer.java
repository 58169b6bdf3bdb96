package io.schemagate.trace;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreMigrationType;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import io.schemagate.catalog.Relations;
import io.schemagate.database.DatabaseTarget;
import io.schemagate.database.SqlErrors;
import io.schemagate.migration.FlywayInternals;
import io.schemagate.migration.MigrationScripts;
import io.schemagate.migration.Versions;

/**
 * Runs migrations on the scratch database as Flyway will run them on the target, and
 * reads what each statement did. First the migrations the target has applied are
 * replayed with Flyway; then each pending one is traced: statement by statement, in its
 * transaction (or outside one, where Flyway runs it so), committed at its end so the next
 * sees it. Placeholders are replaced in each file's text as Flyway replaces them. A run
 * with a file the driver cannot split as Flyway does (COPY data, a BEGIN ATOMIC body) or a
 * migration that is no SQL file is traced by Flyway itself instead, one step per
 * migration, its locks read before its transaction ends. A file with a placeholder without
 * a value fails, as Flyway fails it, at the placeholder's line.
 * <p>
 * Over 200 lines: replaying the applied migrations, tracing each pending one statement
 * by statement and the one-step fallback share the scratch connection's session state
 * (search_path, timeouts, server messages), which a split would pass around.
 */
public final class Tracer {

	private static final Logger logger = LoggerFactory.getLogger(Tracer.class);

	/** What only Flyway's own reading of a file runs right. */
	private static final Pattern FLYWAY_ONLY = Pattern.compile(
			"(?is)\\bCOPY\\b[^;]*\\bFROM\\s+STDIN\\b|\\bBEGIN(\\s|/\\*.*?\\*/|--[^\\n]*\\n)+ATOMIC\\b");

	private final Configuration base;

	private final DatabaseTarget shadow;

	/**
	 * @param base the target's Flyway configuration: locations, placeholders, schemas, init SQL
	 * @param shadow where to run them
	 */
	public Tracer(Configuration base, DatabaseTarget shadow) {
		this.base = base;
		this.shadow = shadow;
	}

	/** A repeatable migration prefix no file has: the replay applies versioned migrations only. */
	private static final String NO_REPEATABLES = "schemagate-no-repeatables-";

	/** Apply this build's versioned migrations up to {@code version} (null: none) with Flyway, untraced. */
	public void replay(String version) {
		replay(version, List.of());
	}

	/**
	 * Apply this build's versioned migrations up to {@code version} (null: none) with
	 * Flyway, then the repeatable ones the target has applied as they are ({@code
	 * repeatables}); untraced. Flyway would apply every repeatable migration with the
	 * versioned ones, pending ones included, which are the target's to trace.
	 */
	public void replay(String version, List<MigrationInfo> repeatables) {
		if (version != null) {
			logger.info("replaying this build's migrations up to version {} on the scratch database", version);
			flyway().target(version).repeatableSqlMigrationPrefix(NO_REPEATABLES).load().migrate();
		}
		MigrationScripts scripts = MigrationScripts.of(this.base);
		if (repeatables.isEmpty() || scripts == null) {
			return;
		}
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			for (MigrationInfo repeatable : repeatables) {
				String sql = scripts.read(repeatable);
				if (sql != null) {
					statement.execute(sql);
				}
			}
		}
		catch (SQLException ex) {
			throw new FlywayException("could not apply the target's repeatable migrations on the scratch database: "
					+ SqlErrors.firstLine(ex.getMessage()), ex);
		}
	}

	/** The repeatable migrations the target has applied as this build has them: what a replay applies by hand. */
	public static List<MigrationInfo> appliedRepeatables(org.flywaydb.core.api.MigrationInfoService info) {
		return java.util.Arrays.stream(info.all())
			.filter((migration) -> migration.getVersion() == null
					&& migration.getState() == org.flywaydb.core.api.MigrationState.SUCCESS)
			.toList();
	}

	/** Trace {@code pending}, in order, until one fails. */
	public List<MigrationTrace> trace(MigrationInfo[] pending) throws SQLException {
		MigrationScripts scripts = MigrationScripts.of(this.base);
		Map<MigrationInfo, String> files = new LinkedHashMap<>();
		try (Connection connection = connect()) {
			Map<String, String> builtIns = builtInPlaceholders(connection);
			MigrationTrace unfilled = null;
			for (MigrationInfo migration : pending) {
				String sql = (scripts != null && migration.getType() == CoreMigrationType.SQL) ? scripts.read(migration)
						: null;
				if (sql != null) {
					try {
						sql = replaced(migration, sql, builtIns);
					}
					catch (FlywayException ex) {
						// Flyway fails the file before running any of it: so does its trace,
						// and nothing after it is judged.
						unfilled = unfilledPlaceholder(migration, sql, ex);
						break;
					}
				}
				if (sql == null || FLYWAY_ONLY.matcher(sql).find()) {
					logger.info("lint: {} is traced by Flyway, one step per migration of the run", Versions.name(migration));
					return traceByFlyway(pending);
				}
				files.put(migration, sql);
			}
			List<MigrationTrace> traces = new ArrayList<>();
			for (Map.Entry<MigrationInfo, String> file : files.entrySet()) {
				MigrationTrace trace = traceFile(connection, file.getKey(), file.getValue());
				traces.add(trace);
				if (trace.failed()) {
					return traces;
				}
			}
			if (unfilled != null) {
				traces.add(unfilled);
			}
			return traces;
		}
	}

	/**
	 * The file's text as Flyway runs it, placeholders replaced.
	 * @throws FlywayException as Flyway's when a placeholder has no value
	 */
	private String replaced(MigrationInfo migration, String sql, Map<String, String> builtIns) {
		Map<String, String> values = new LinkedHashMap<>(builtIns);
		String script = migration.getScript();
		values.put("filename", script.substring(script.lastIndexOf('/') + 1));
		return FlywayInternals.replacePlaceholders(this.base, values, sql);
	}

	/** Flyway's words for a placeholder without a value: "No value provided for placeholder: ${name}". */
	private static final Pattern NO_VALUE = Pattern.compile("No value provided for placeholder: (\\S+?)\\.?(\\s|$)");

	/** The trace of a file Flyway refuses for a placeholder without a value: failed at its first use. */
	private MigrationTrace unfilledPlaceholder(MigrationInfo migration, String sql, FlywayException ex) {
		java.util.regex.Matcher named = NO_VALUE.matcher(String.valueOf(ex.getMessage()));
		String placeholder = named.find() ? named.group(1) : null;
		int at = (placeholder != null) ? sql.indexOf(placeholder) : -1;
		int line = (at >= 0) ? Statements.lineOf(sql, at) : 0;
		String prefix = this.base.getPlaceholderPrefix();
		String suffix = this.base.getPlaceholderSuffix();
		String name = (placeholder != null && placeholder.length() > prefix.length() + suffix.length()
				&& placeholder.startsWith(prefix) && placeholder.endsWith(suffix))
						? placeholder.substring(prefix.length(), placeholder.length() - suffix.length()) : null;
		String setting = (name != null) ? "SPRING_FLYWAY_PLACEHOLDERS_"
				+ name.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_") : "SPRING_FLYWAY_PLACEHOLDERS_<NAME>";
		return failedBeforeRunning(migration, line, "Flyway cannot run the file: placeholder "
				+ ((placeholder != null) ? placeholder : "") + " has no value; set " + setting
				+ ", or turn replacement off for the file (placeholderReplacement=false in its .conf)");
	}

	/** Flyway's {@code flyway:...} placeholders, as Flyway fills them on this session, without the prefix. */
	private Map<String, String> builtInPlaceholders(Connection connection) throws SQLException {
		Map<String, String> values = new LinkedHashMap<>();
		try (Statement statement = connection.createStatement();
				java.sql.ResultSet row = statement.executeQuery("SELECT current_schema(), current_database(), current_user")) {
			row.next();
			String schema = (this.base.getDefaultSchema() != null) ? this.base.getDefaultSchema()
					: (this.base.getSchemas().length > 0) ? this.base.getSchemas()[0] : row.getString(1);
			values.put("defaultSchema", schema);
			values.put("database", row.getString(2));
			values.put("user", row.getString(3));
		}
		values.put("timestamp", new java.text.SimpleDateFormat("yyyy-MM-dd HH:mm:ss").format(new java.util.Date()));
		values.put("workingDirectory", System.getProperty("user.dir"));
		values.put("table", this.base.getTable());
		values.put("environment", this.base.getCurrentEnvironmentName());
		return values;
	}

	/** A session set up as Flyway sets up its own: its schema first on the search_path, its init SQL. */
	private Connection connect() throws SQLException {
		Connection connection = new SimpleDriverDataSource(new org.postgresql.Driver(), this.shadow.jdbcUrl(),
				this.shadow.user(), this.shadow.password()).getConnection();
		try (Statement statement = connection.createStatement()) {
			String schema = (this.base.getDefaultSchema() != null) ? this.base.getDefaultSchema()
					: (this.base.getSchemas().length > 0) ? this.base.getSchemas()[0] : null;
			if (schema != null) {
				String quoted = "\"" + schema.replace("\"", "\"\"") + "\"";
				statement.execute("CREATE SCHEMA IF NOT EXISTS " + quoted);
				statement.execute("SET search_path TO " + quoted);
			}
			if (this.base.getInitSql() != null && !this.base.getInitSql().isBlank()) {
				statement.execute(this.base.getInitSql());
			}
		}
		return connection;
	}

	private MigrationTrace traceFile(Connection connection, MigrationInfo migration, String sql) throws SQLException {
		boolean transaction;
		try {
			transaction = FlywayInternals.inTransaction(migration);
		}
		catch (FlywayException ex) {
			// Flyway refuses a file that mixes statements it runs in a transaction with ones it
			// cannot (CREATE INDEX CONCURRENTLY beside a CREATE TABLE): migrate fails on it,
			// so lint reports it as a failed statement, at the line Flyway names.
			return refusedByFlyway(migration, ex);
		}
		try {
			return new MigrationTrace(migration, traceSql(connection, sql, transaction), transaction);
		}
		catch (SplitException ex) {
			return traceAlone(migration, ex.cause);
		}
	}

	/**
	 * Run {@code sql} on the scratch database as a migration file, statement by statement,
	 * in one transaction or each outside one, committed at its end, and read what each did;
	 * stops at the first that fails (rolled back in a transaction).
	 */
	public List<Step> traceSql(String sql, boolean transaction) throws SQLException {
		try (Connection connection = connect()) {
			return traceSql(connection, sql, transaction);
		}
		catch (SplitException ex) {
			throw ex.cause;
		}
	}

	/** A file the driver could not split. */
	private static final class SplitException extends RuntimeException {

		private final SQLException cause;

		SplitException(SQLException cause) {
			super(cause);
			this.cause = cause;
		}

	}

	private static List<Step> traceSql(Connection connection, String sql, boolean transaction) throws SQLException {
		List<Step> steps = new ArrayList<>();
		List<Statements.Statement> statements;
		try {
			statements = Statements.split(sql);
		}
		catch (SQLException ex) {
			throw new SplitException(ex);
		}
		connection.setAutoCommit(!transaction);
		Relations before = Relations.read(connection);
		Set<Locks.Lock> held = Set.of();
		for (Statements.Statement statement : statements) {
			String error = null;
			List<String> messages = new ArrayList<>();
			String level = ServerMessages.listen(connection);
			try (Statement run = connection.createStatement()) {
				try {
					run.execute(statement.sql());
				}
				finally {
					ServerMessages.collect(run.getWarnings(), messages);
				}
			}
			catch (SQLException ex) {
				error = SqlErrors.firstLine(ex.getMessage());
			}
			if (error != null) {
				steps.add(new Step(statement.sql(), statement.line(), transaction, before, before, held, held, error,
						messages));
				if (transaction) {
					connection.rollback();
				}
				ServerMessages.stop(connection, level);
				break;
			}
			ServerMessages.stop(connection, level);
			Relations after = Relations.read(connection);
			Set<Locks.Lock> heldAfter = transaction ? Locks.held(connection) : Set.of();
			steps.add(new Step(statement.sql(), statement.line(), transaction, before, after, held, heldAfter, null,
					messages));
			before = after;
			held = heldAfter;
		}
		if (transaction && (steps.isEmpty() || steps.get(steps.size() - 1).error() == null)) {
			connection.commit();
		}
		connection.setAutoCommit(true);
		return List.copyOf(steps);
	}

	private static final java.util.regex.Pattern FLYWAY_LINE = java.util.regex.Pattern.compile("at line (\\d+)");

	private static MigrationTrace refusedByFlyway(MigrationInfo migration, FlywayException ex) {
		String message = SqlErrors.firstLine(ex.getMessage());
		java.util.regex.Matcher line = FLYWAY_LINE.matcher(message);
		return failedBeforeRunning(migration, line.find() ? Integer.parseInt(line.group(1)) : 0,
				"Flyway refuses to run the file: " + message
						+ "; put the statements that cannot run in a transaction in a file of their own");
	}

	/** The trace of a file Flyway fails before it runs a statement of it: one failed step at {@code line}. */
	private static MigrationTrace failedBeforeRunning(MigrationInfo migration, int line, String error) {
		Relations none = new Relations(Map.of(), Map.of(), Map.of());
		return new MigrationTrace(migration, List.of(new Step(null, line, true, none, none, Set.of(), Set.of(), error)),
				true);
	}

	private static MigrationTrace traceAlone(MigrationInfo migration, SQLException ex) {
		Relations none = new Relations(Map.of(), Map.of(), Map.of());
		return new MigrationTrace(migration, List.of(new Step(null, 0, true, none, none, Set.of(), Set.of(),
				"could not be split into statements: " + SqlErrors.firstLine(ex.getMessage()))), true);
	}

	/** Each pending migration as one step, run by Flyway with a callback reading around it. */
	private List<MigrationTrace> traceByFlyway(MigrationInfo[] pending) {
		Recorder recorder = new Recorder(List.of(pending));
		try {
			flyway().callbacks(recorder).load().migrate();
		}
		catch (FlywayException ex) {
			SQLException sql = SqlErrors.find(ex);
			recorder.failed(SqlErrors.firstLine((sql != null) ? sql.getMessage() : ex.getMessage()));
		}
		return recorder.traces;
	}

	private org.flywaydb.core.api.configuration.FluentConfiguration flyway() {
		DataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), this.shadow.jdbcUrl(),
				this.shadow.user(), this.shadow.password());
		return Flyway.configure(this.base.getClassLoader())
			.configuration(this.base)
			.dataSource(dataSource)
			.callbacks(new Callback[0]);
	}

	/** Reads the relations and locks around each migration Flyway runs, inside its transaction. */
	private static final class Recorder implements Callback {

		private final List<MigrationTrace> traces = new ArrayList<>();

		/** The target's pending migrations: a repeatable the replay applied by hand runs again here, and is not one. */
		private final List<String> pending;

		private final List<MigrationInfo> pendingInfos;

		private MigrationInfo current;

		private Relations before;

		private boolean transaction;

		Recorder(List<MigrationInfo> pending) {
			this.pendingInfos = pending;
			this.pending = pending.stream().map(MigrationInfo::getScript).toList();
		}

		@Override
		public boolean supports(Event event, Context context) {
			return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE;
		}

		@Override
		public boolean canHandleInTransaction(Event event, Context context) {
			return true;
		}

		@Override
		public void handle(Event event, Context context) {
			try {
				Connection connection = context.getConnection();
				if (event == Event.BEFORE_EACH_MIGRATE) {
					this.current = context.getMigrationInfo();
					this.transaction = !connection.getAutoCommit();
					this.before = Relations.read(connection);
				}
				else if (this.pending.contains(this.current.getScript())) {
					Relations after = Relations.read(connection);
					Set<Locks.Lock> held = this.transaction ? Locks.held(connection) : Set.of();
					this.traces.add(new MigrationTrace(this.current,
							List.of(new Step(null, 0, this.transaction, this.before, after, Set.of(), held, null)),
							this.transaction));
					this.current = null;
				}
				else {
					this.current = null;
				}
			}
			catch (SQLException ex) {
				throw new FlywayException("lint could not read the scratch database: " + SqlErrors.firstLine(ex.getMessage()),
						ex);
			}
		}

		void failed(String error) {
			if (this.current == null) {
				// Flyway failed between migrations (reading or parsing the next file): the
				// failure is the first pending one's that has no trace yet.
				this.current = this.pendingInfos.stream()
					.filter((migration) -> this.traces.stream()
						.noneMatch((trace) -> trace.migration().getScript().equals(migration.getScript())))
					.findFirst()
					.orElse(null);
				this.before = new Relations(Map.of(), Map.of(), Map.of());
			}
			if (this.current != null) {
				this.traces.add(new MigrationTrace(this.current,
						List.of(new Step(null, 0, this.transaction, this.before, this.before, Set.of(), Set.of(), error)),
						this.transaction));
			}
		}

		@Override
		public String getCallbackName() {
			return "schemagate-lint-recorder";
		}

	}

}
