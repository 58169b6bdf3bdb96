package io.schemagate.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The relations of a database as one statement leaves them, read in one round trip: the
 * tables, indexes, sequences and views with their storage files, the columns, the
 * constraints. Two readings compare by object identity (oid, attnum), so a rename is a
 * rename and a new storage file is a rewrite. Lint reads one before and one after every
 * statement it traces, so this reads only what its rules need.
 *
 * @param relations by oid
 * @param columns by table oid and attnum: {@code oid/attnum}
 * @param constraints by oid
 */
public record Relations(Map<Long, Relation> relations, Map<String, Column> columns, Map<Long, Constraint> constraints) {

	/** A table ({@code r}, {@code p} partitioned), index ({@code i}), sequence ({@code S}), view ({@code v}, {@code m}). */
	public record Relation(long oid, String schema, String name, char kind, long filenode, char persistence,
			long table, boolean valid, String definition) {

		/** {@code schema.name}, quoted where PostgreSQL would quote it. */
		public String qualifiedName() {
			return this.schema + "." + this.name;
		}

		public boolean isTable() {
			return this.kind == 'r' || this.kind == 'p';
		}

		public boolean isIndex() {
			return this.kind == 'i' || this.kind == 'I';
		}

	}

	/** A column: its type as PostgreSQL formats it, whether it is NOT NULL and has a default. */
	public record Column(long table, int number, String name, String type, boolean notNull, String defaultExpression,
			boolean generated, boolean identity) {

	}

	/**
	 * A constraint ({@code c} check, {@code f} foreign key, {@code u} unique, {@code p}
	 * primary key, {@code x} exclusion), with the index that backs it (0 for none).
	 */
	public record Constraint(long oid, long table, String name, char type, boolean validated, String definition,
			long index) {

	}

	private static final JsonMapper json = JsonMapper.builder().build();

	/** The user schemas only: not the system's, not TOAST, not temporary ones. */
	private static final String USER_NAMESPACES = "SELECT oid FROM pg_namespace WHERE nspname NOT IN ('pg_catalog',"
			+ " 'information_schema') AND nspname NOT LIKE 'pg\\_toast%' AND nspname NOT LIKE 'pg\\_temp%'";

	private static final String QUERY = "SELECT json_build_object("
			+ "'relations', (SELECT coalesce(json_agg(json_build_object('oid', c.oid, 'schema', n.nspname, 'name', c.relname,"
			+ " 'kind', c.relkind, 'filenode', c.relfilenode, 'persistence', c.relpersistence, 'table', i.indrelid,"
			+ " 'valid', coalesce(i.indisvalid, true), 'definition', CASE WHEN i.indexrelid IS NOT NULL"
			+ " THEN pg_get_indexdef(i.indexrelid) END)), '[]') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
			+ " LEFT JOIN pg_index i ON i.indexrelid = c.oid WHERE c.relnamespace IN (" + USER_NAMESPACES + ")"
			+ " AND c.relkind IN ('r', 'p', 'i', 'I', 'S', 'v', 'm')),"
			+ "'columns', (SELECT coalesce(json_agg(json_build_object('table', a.attrelid, 'number', a.attnum,"
			+ " 'name', a.attname, 'type', format_type(a.atttypid, a.atttypmod), 'notNull', a.attnotnull,"
			+ " 'default', pg_get_expr(d.adbin, d.adrelid), 'generated', a.attgenerated <> '', 'identity', a.attidentity <> ''"
			+ ")), '[]') FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid LEFT JOIN pg_attrdef d"
			+ " ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attnum > 0 AND NOT a.attisdropped"
			+ " AND c.relkind IN ('r', 'p') AND c.relnamespace IN (" + USER_NAMESPACES + ")),"
			+ "'constraints', (SELECT coalesce(json_agg(json_build_object('oid', k.oid, 'table', k.conrelid,"
			+ " 'name', k.conname, 'type', k.contype, 'validated', k.convalidated, 'definition', pg_get_constraintdef(k.oid),"
			+ " 'index', k.conindid)), '[]') FROM pg_constraint k WHERE k.conrelid <> 0 AND k.connamespace IN (" + USER_NAMESPACES + ")))";

	/** Read the relations as {@code connection} sees them, its own transaction's changes included. */
	public static Relations read(Connection connection) throws SQLException {
		JsonNode tree;
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(QUERY)) {
			result.next();
			tree = json.readTree(result.getString(1));
		}
		Map<Long, Relation> relations = new LinkedHashMap<>();
		for (JsonNode node : tree.get("relations")) {
			Relation relation = new Relation(node.get("oid").asLong(), node.get("schema").asString(),
					node.get("name").asString(), node.get("kind").asString().charAt(0), node.get("filenode").asLong(),
					node.get("persistence").asString().charAt(0), node.get("table").asLong(0),
					node.get("valid").asBoolean(), text(node.get("definition")));
			relations.put(relation.oid(), relation);
		}
		Map<String, Column> columns = new LinkedHashMap<>();
		for (JsonNode node : tree.get("columns")) {
			Column column = new Column(node.get("table").asLong(), node.get("number").asInt(), node.get("name").asString(),
					node.get("type").asString(), node.get("notNull").asBoolean(), text(node.get("default")),
					node.get("generated").asBoolean(), node.get("identity").asBoolean());
			columns.put(column.table() + "/" + column.number(), column);
		}
		Map<Long, Constraint> constraints = new LinkedHashMap<>();
		for (JsonNode node : tree.get("constraints")) {
			Constraint constraint = new Constraint(node.get("oid").asLong(), node.get("table").asLong(),
					node.get("name").asString(), node.get("type").asString().charAt(0), node.get("validated").asBoolean(),
					text(node.get("definition")), node.get("index").asLong(0));
			constraints.put(constraint.oid(), constraint);
		}
		return new Relations(relations, columns, constraints);
	}

	private static String text(JsonNode node) {
		return (node == null || node.isNull()) ? null : node.asString();
	}

	/** The columns of table {@code oid}, in their order. */
	public List<Column> columnsOf(long table) {
		return this.columns.values().stream().filter((column) -> column.table() == table).toList();
	}

	/** The constraints of table {@code oid}. */
	public List<Constraint> constraintsOf(long table) {
		return this.constraints.values().stream().filter((constraint) -> constraint.table() == table).toList();
	}

	/** The table with this qualified name, or null. */
	public Relation table(String qualifiedName) {
		return this.relations.values()
			.stream()
			.filter((relation) -> relation.isTable() && relation.qualifiedName().equals(qualifiedName))
			.findFirst()
			.orElse(null);
	}

}
