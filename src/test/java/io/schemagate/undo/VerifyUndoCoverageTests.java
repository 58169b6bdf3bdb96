package io.schemagate.undo;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.support.FaultReport;
import io.schemagate.support.Json;
import io.schemagate.support.LauncherRun;
import io.schemagate.support.MigrationFiles;
import io.schemagate.support.TestDatabase;

/**
 * verify-undo sees what the schema snapshot covers beyond tables and columns: for each kind
 * of object, an undo that forgets the change differs and names it, and a correct undo
 * round-trips (privileges granted and revoked again compare equal to the default).
 */
@ExtendWith(FaultReport.class)
class VerifyUndoCoverageTests {

	/** What V5 changes: objects of its own, undone correctly by U4. */
	private static final String OBJECTS = "CREATE FUNCTION answer() RETURNS int LANGUAGE sql AS 'SELECT 42';"
			+ "\nCREATE TYPE mood AS ENUM ('ok');\nCREATE SEQUENCE counter;"
			+ "\nALTER TABLE expenses ADD CONSTRAINT bounded CHECK (amount < 1e12);";

	private static final String DROP_OBJECTS = "ALTER TABLE expenses DROP CONSTRAINT bounded;\nDROP SEQUENCE counter;"
			+ "\nDROP TYPE mood;\nDROP FUNCTION answer();";

	@TempDir
	Path folder;

	private final TestDatabase database = TestDatabase.create();

	private JsonNode verifyUndo(String up, String undo, int expectedCode) {
		MigrationFiles files = new MigrationFiles(this.folder).add("4", "objects", OBJECTS)
			.write("U4__objects.sql", DROP_OBJECTS)
			.add("5", "change", up)
			.write("U5__change.sql", undo);
		LauncherRun verify = LauncherRun.of(files.environment(this.database), "verify-undo", "--json");
		assertThat(verify.code()).as(verify.out() + verify.err()).isEqualTo(expectedCode);
		return Json.read(verify.out()).get("migrations").get(4);
	}

	@ParameterizedTest(name = "{0}")
	@FaultReport.Scenario(value = "verify-undo of an undo that forgets a comment, a grant, a default privilege,"
			+ " OWNED BY, row level security or a policy", expected = "exit 1 naming the object; the correct undo exit 0")
	@CsvSource(delimiter = '~', textBlock = """
			comment on a function      ~ COMMENT ON FUNCTION answer() IS 'the answer'; ~ COMMENT ON FUNCTION answer() IS NULL; ~ comment on function public.answer()
			comment on a type          ~ COMMENT ON TYPE mood IS 'how it went';       ~ COMMENT ON TYPE mood IS NULL;         ~ comment on type public.mood
			comment on a constraint    ~ COMMENT ON CONSTRAINT bounded ON expenses IS 'sane'; ~ COMMENT ON CONSTRAINT bounded ON expenses IS NULL; ~ comment on table constraint bounded on public.expenses
			comment on a schema        ~ COMMENT ON SCHEMA public IS 'ours';          ~ COMMENT ON SCHEMA public IS 'standard public schema'; ~ comment on schema public
			a type grant               ~ REVOKE USAGE ON TYPE mood FROM PUBLIC;       ~ GRANT USAGE ON TYPE mood TO PUBLIC;   ~ type public.mood
			default privileges         ~ ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO PUBLIC; ~ ALTER DEFAULT PRIVILEGES REVOKE SELECT ON TABLES FROM PUBLIC; ~ default privileges on tables
			a sequence's OWNED BY      ~ ALTER SEQUENCE counter OWNED BY expenses.id; ~ ALTER SEQUENCE counter OWNED BY NONE; ~ sequence definition public.counter
			row level security         ~ ALTER TABLE expenses ENABLE ROW LEVEL SECURITY; ~ ALTER TABLE expenses DISABLE ROW LEVEL SECURITY; ~ table public.expenses
			forced row level security  ~ ALTER TABLE expenses FORCE ROW LEVEL SECURITY; ~ ALTER TABLE expenses NO FORCE ROW LEVEL SECURITY; ~ table public.expenses
			a policy                   ~ CREATE POLICY small ON expenses FOR SELECT TO PUBLIC USING (amount < 100) ; ~ DROP POLICY small ON expenses; ~ policy public.expenses.small
			a table grant              ~ GRANT SELECT ON expenses TO PUBLIC;          ~ REVOKE SELECT ON expenses FROM PUBLIC; ~ table public.expenses
			a function grant           ~ REVOKE EXECUTE ON FUNCTION answer() FROM PUBLIC; ~ GRANT EXECUTE ON FUNCTION answer() TO PUBLIC; ~ function public.answer()
			""")
	void anUndoThatForgetsDiffersAndACorrectOneRoundTrips(String what, String up, String goodUndo, String object) {
		JsonNode forgetful = verifyUndo(up, "SELECT 1;", 1);
		assertThat(forgetful.get("outcome").asString()).isEqualTo("DIFFERS");
		assertThat(forgetful.get("differences").toString()).contains(object);
		JsonNode correct = verifyUndo(up, goodUndo, 0);
		assertThat(correct.get("outcome").asString()).as(correct.toString()).isEqualTo("ROUND_TRIPS");
		FaultReport.observed(what + ": a forgetful undo exit 1 naming " + object + ", a correct one exit 0");
	}

}
