package io.schemagate.lint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.support.Json;
import io.schemagate.support.LauncherRun;
import io.schemagate.support.MigrationFiles;
import io.schemagate.support.TestDatabase;

/**
 * The lint corpus (src/test/resources/lint-corpus): each case a target (V1, with rows) and
 * a pending migration (V2), dangerous beside its safe counterpart, from squawk's, Eugene's
 * and strong_migrations' documented cases; a case may carry the V2's Flyway script
 * configuration (V2__change.sql.conf). A dangerous case is caught when lint reports
 * its code at warning or above; a safe one is a false alarm when lint reports anything at
 * warning or above. Each case is a row of target/lint-corpus.tsv, which
 * {@code e2e/lint-corpus} prints with the totals.
 */
class LintCorpusTests {

	private static final Path CORPUS = Path.of("src/test/resources/lint-corpus");

	static final Path REPORT = Path.of(System.getProperty("schemagate.test.reports", "target"), "lint-corpus.tsv");

	@TempDir
	Path folder;

	static Stream<Path> cases() throws IOException {
		try (Stream<Path> folders = Files.list(CORPUS)) {
			return folders.filter(Files::isDirectory).sorted().toList().stream();
		}
	}

	@BeforeAll
	static void newReport() throws IOException {
		Files.createDirectories(REPORT.getParent());
		Files.deleteIfExists(REPORT);
	}

	@AfterAll
	static void reportWritten() {
		assertThat(REPORT).exists();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void lintJudgesTheCaseAsItsExpectationSays(Path folder) throws IOException {
		String expected = Files.readAllLines(folder.resolve("expected")).get(0).strip();
		TestDatabase database = TestDatabase.create();
		MigrationFiles files = new MigrationFiles(this.folder);
		files.write("V1__setup.sql", Files.readString(folder.resolve("V1__setup.sql")));
		java.util.Map<String, String> environment = database.environment();
		environment.put("SPRING_FLYWAY_LOCATIONS", files.alone());
		LauncherRun setup = LauncherRun.of(environment, "migrate");
		assertThat(setup.code()).as(setup.err()).isZero();
		files.write("V2__change.sql", Files.readString(folder.resolve("V2__change.sql")));
		Path config = folder.resolve("V2__change.sql.conf");
		if (Files.exists(config)) {
			files.write("V2__change.sql.conf", Files.readString(config));
		}
		LauncherRun lint = LauncherRun.of(environment, "lint", "--json", "--fail-on", "never");
		assertThat(lint.code()).as(lint.err()).isZero();
		List<String> reported = new ArrayList<>();
		for (JsonNode migration : Json.read(lint.out()).get("migrations")) {
			for (JsonNode finding : migration.get("findings")) {
				if (!"info".equals(finding.get("severity").asString()) && !finding.get("accepted").asBoolean()) {
					reported.add(finding.get("code").asString() + "(" + finding.get("severity").asString() + ")");
				}
			}
		}
		String outcome;
		if (expected.startsWith("danger ")) {
			String code = expected.substring("danger ".length()).strip();
			outcome = reported.stream().anyMatch((found) -> found.startsWith(code + "(")) ? "caught" : "missed";
		}
		else {
			outcome = reported.isEmpty() ? "ok" : "false alarm";
		}
		record(folder.getFileName().toString(), expected, reported, outcome);
		assertThat(outcome).as(folder.getFileName() + ": expected " + expected + ", lint reported " + reported)
			.isIn("caught", "ok");
	}

	private static synchronized void record(String name, String expected, List<String> reported, String outcome)
			throws IOException {
		String row = String.join("\t", name, expected, reported.isEmpty() ? "-" : String.join(" ", reported), outcome)
				+ "\n";
		Files.writeString(REPORT, row, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

}
