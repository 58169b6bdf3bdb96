package io.schemagate.trace;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The table locks a session holds, as pg_locks shows them: what a statement took. */
public final class Locks {

	/** Lock modes, weakest first, with what each keeps others from doing. */
	public enum Mode {

		ACCESS_SHARE("AccessShareLock", List.of()), ROW_SHARE("RowShareLock", List.of()),
		ROW_EXCLUSIVE("RowExclusiveLock", List.of()), SHARE_UPDATE_EXCLUSIVE("ShareUpdateExclusiveLock", List.of()),
		SHARE("ShareLock", List.of("writes")), SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock", List.of("writes")),
		EXCLUSIVE("ExclusiveLock", List.of("writes")), ACCESS_EXCLUSIVE("AccessExclusiveLock", List.of("reads", "writes"));

		private final String name;

		private final List<String> blocks;

		Mode(String name, List<String> blocks) {
			this.name = name;
			this.blocks = blocks;
		}

		/** PostgreSQL's name for it: {@code AccessExclusiveLock}. */
		public String pgName() {
			return this.name;
		}

		/** What it keeps other sessions from doing on the table: reads, writes, or nothing of the two. */
		public List<String> blocks() {
			return this.blocks;
		}

		/** Whether it lets no write (or no read) through. */
		public boolean isBlocking() {
			return !this.blocks.isEmpty();
		}

		/** Whether it is one a statement takes to read or write rows. */
		public boolean isForRows() {
			return this == ACCESS_SHARE || this == ROW_SHARE || this == ROW_EXCLUSIVE;
		}

		static Mode of(String pgName) {
			for (Mode mode : values()) {
				if (mode.name.equals(pgName)) {
					return mode;
				}
			}
			return null;
		}

	}

	/** A lock on relation {@code oid} ({@code schema.name}). */
	public record Lock(long oid, String relation, Mode mode) {

	}

	private static final String QUERY = "SELECT c.oid, n.nspname || '.' || c.relname, l.mode FROM pg_locks l"
			+ " JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace"
			+ " WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted"
			+ " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'";

	private Locks() {
	}

	/** The table locks {@code connection}'s session holds now, outside the system catalogs. */
	public static Set<Lock> held(Connection connection) throws SQLException {
		Set<Lock> locks = new LinkedHashSet<>();
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(QUERY)) {
			while (result.next()) {
				Mode mode = Mode.of(result.getString(3));
				if (mode != null) {
					locks.add(new Lock(result.getLong(1), result.getString(2), mode));
				}
			}
		}
		return locks;
	}

}
