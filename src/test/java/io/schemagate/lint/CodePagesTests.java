package io.schemagate.lint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The docs promise a page per finding code: every code lint can report has one, and a row in lint.md's table. */
class CodePagesTests {

	@Test
	void everyFindingCodeHasItsPageAndARowInTheTable() throws IOException {
		String table = Files.readString(Path.of("docs/lint.md"));
		for (Code code : Code.values()) {
			Path page = Path.of("docs/lint", code.code() + ".md");
			assertThat(page).as(code.code()).exists();
			assertThat(Files.readString(page)).as(page.toString()).startsWith("# `" + code.code() + "`");
			assertThat(table).as("docs/lint.md's table").contains("| [`" + code.code() + "`](lint/" + code.code() + ".md) |");
		}
	}

}
