package io.schemagate.migration.batch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which files the batch sends as they are, read without a database (BatchMigrationTests runs them). */
class BatchableSqlTests {

	private static String refusal(String sql) {
		return BatchableSql.refusal(sql, "${", "${name}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "CREATE TABLE t (id int);", "INSERT INTO t VALUES (1); UPDATE t SET id = 2;",
			"CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;",
			"-- a comment; with a semicolon\nCREATE TABLE t (note text DEFAULT 'it''s; fine');" })
	void sendsPlainFilesAsTheyAre(String sql) {
		assertThat(refusal(sql)).isNull();
	}

	@Test
	void aFunctionsOwnSearchPathClauseGoesToFlywayToo() {
		// A false match: it only costs the run its speed.
		assertThat(refusal("CREATE FUNCTION g() RETURNS void LANGUAGE plpgsql SET search_path TO public"
				+ " AS $$ BEGIN END $$;")).contains("(SET search_path)");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '~', quoteCharacter = '`', textBlock = """
			CREATE TABLE ${table} (id int);                              ~ has placeholders (${name}) to replace
			COPY t (id) FROM STDIN;                                      ~ copies data from stdin
			SET ROLE postgres;                                           ~ (SET ROLE)
			DO $$BEGIN EXECUTE 'SET ROLE ' || current_user; END$$;       ~ (SET ROLE)
			SET /* the schema */ "search_path" = public;                 ~ (SET search_path)
			RESET ALL;                                                   ~ (RESET ALL)
			SELECT set_config(E'search_path', 'public', false);          ~ (set_config of search_path)
			DISCARD ALL;                                                 ~ DISCARD
			CREATE TABLE t (id int); COMMIT;                             ~ controls its transaction (COMMIT)
			SAVEPOINT s;                                                 ~ controls its transaction (SAVEPOINT)
			CREATE TABLE t (id int); /* never closed                    ~ ends inside a comment or a quoted string
			INSERT INTO t VALUES ('never closed);                        ~ ends inside a comment or a quoted string
			CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END; ~ BEGIN ATOMIC
			""")
	void leavesToFlywayWhatOnlyFlywayReadsRight(String sql, String reason) {
		assertThat(refusal(sql)).as(sql).contains(reason);
	}

	@ParameterizedTest
	@ValueSource(strings = { "CREATE TABLE ${table} (id int);" })
	void placeholdersAreSentWhenFlywayReplacesNone(String sql) {
		assertThat(BatchableSql.refusal(sql, null, "${name}")).isNull();
	}

}
