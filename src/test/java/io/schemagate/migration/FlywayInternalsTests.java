package io.schemagate.migration;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Flyway on the classpath is the one whose internals {@link FlywayInternals} was checked against. */
class FlywayInternalsTests {

	@Test
	void theFlywayOnTheClasspathIsTheOneFlywayInternalsWasCheckedAgainst() throws IOException {
		Properties flyway = new Properties();
		try (InputStream in = getClass().getResourceAsStream("/META-INF/maven/org.flywaydb/flyway-core/pom.properties")) {
			assertThat(in).as("flyway-core's pom.properties on the classpath").isNotNull();
			flyway.load(in);
		}
		assertThat(flyway.getProperty("version"))
			.as("Flyway on the classpath is %s, but io.schemagate.migration.FlywayInternals was checked against %s:"
					+ " check again each Flyway behaviour its javadoc lists (run BatchMigrationTests and the process"
					+ " tests), then set FlywayInternals.CHECKED_AGAINST and pom.xml's flyway.version",
					flyway.getProperty("version"), FlywayInternals.CHECKED_AGAINST)
			.isEqualTo(FlywayInternals.CHECKED_AGAINST);
	}

	@Test
	void theChecksumIsFlywaysOwnForTheSameText() {
		// Flyway's CRC32 over the lines, blind to where lines break.
		assertThat(FlywayInternals.checksum("SELECT 1;\nSELECT 2;\n")).isEqualTo(FlywayInternals.checksum("SELECT 1;\r\nSELECT 2;"));
		assertThat(FlywayInternals.checksum("SELECT 1;")).isNotEqualTo(FlywayInternals.checksum("SELECT 2;"));
	}

}
