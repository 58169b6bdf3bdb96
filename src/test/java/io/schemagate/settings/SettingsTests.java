package io.schemagate.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SettingsTests {

	private static final String URL = "postgresql://app:secret@db:5432/orders";

	@TempDir
	Path files;

	private static Map<String, String> environment(String... pairs) {
		Map<String, String> environment = new HashMap<>();
		environment.put("DATABASE_URL", URL);
		for (int i = 0; i < pairs.length; i += 2) {
			environment.put(pairs[i], pairs[i + 1]);
		}
		return environment;
	}

	@ParameterizedTest
	@CsvSource({ "true,true", "TRUE,true", "True,true", "false,false", "FALSE,false", "' true ',true" })
	void readsRunMigrationsInAnyCase(String value, boolean expected) {
		assertThat(Settings.from(environment("RUN_MIGRATIONS", value)).runMigrations()).isEqualTo(expected);
	}

	@Test
	void runMigrationsUnsetOrEmptyMeansFalse() {
		assertThat(Settings.from(environment()).runMigrations()).isFalse();
		assertThat(Settings.from(environment("RUN_MIGRATIONS", "")).runMigrations()).isFalse();
		assertThat(Settings.from(environment("RUN_MIGRATIONS", "   ")).runMigrations()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "yes", "1", "on", "tru", "true; rm -rf /", "vrai✓" })
	void rejectsOtherRunMigrationsValuesNamingVariableValueAndChoices(String value) {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> Settings.from(environment("RUN_MIGRATIONS", value)))
			.withMessageStartingWith("RUN_MIGRATIONS: '")
			.withMessageContaining("use true or false");
	}

	@ParameterizedTest
	@CsvSource({ "true,true", "TRUE,true", "false,false", "' False ',false", "'',false" })
	void readsMigrationBatchInAnyCaseAndDefaultsToFalse(String value, boolean expected) {
		assertThat(Settings.from(environment("MIGRATION_BATCH", value)).migrationBatch()).isEqualTo(expected);
		assertThat(Settings.from(environment()).migrationBatch()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "yes", "1", "batch", "all" })
	void rejectsOtherMigrationBatchValuesNamingVariableAndChoices(String value) {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> Settings.from(environment("MIGRATION_BATCH", value)))
			.withMessage("MIGRATION_BATCH: '" + value + "' is not allowed; use true or false");
	}

	@Test
	void checksRunMigrationsBeforeTheDatabaseUrl() {
		Map<String, String> environment = Map.of("RUN_MIGRATIONS", "maybe");
		assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> Settings.from(environment))
			.withMessageContaining("RUN_MIGRATIONS");
	}

	@Test
	void requiresADatabaseUrl() {
		assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> Settings.from(Map.of()))
			.withMessageStartingWith("DATABASE_URL is not set");
	}

	@Test
	void malformedDatabaseUrlNamesTheVariableButNeverThePassword() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> Settings.from(Map.of("DATABASE_URL", "mysql://app:secret@db/x")))
			.withMessageStartingWith("DATABASE_URL must start with")
			.withMessageNotContaining("secret");
	}

	@Test
	void userAndPasswordVariablesOverrideTheUrl() {
		Settings settings = Settings
			.from(environment("DATABASE_USER", "other", "DATABASE_PASSWORD", "pa ss ", "DATABASE_URL",
					"postgresql://db/orders"));
		assertThat(settings.database().user()).isEqualTo("other");
		assertThat(settings.database().password()).isEqualTo("pa ss ");
	}

	@Test
	void requiresAUser() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> Settings.from(Map.of("DATABASE_URL", "postgresql://db/orders")))
			.withMessageContaining("DATABASE_USER");
	}

	@Test
	void readsSecretsFromFilesWithoutTheirTrailingNewline() throws IOException {
		Path urlFile = Files.writeString(this.files.resolve("url"), URL + "\n");
		Path passwordFile = Files.writeString(this.files.resolve("password"), "from file\r\n");
		Map<String, String> environment = new HashMap<>();
		environment.put("DATABASE_URL_FILE", urlFile.toString());
		environment.put("DATABASE_PASSWORD_FILE", passwordFile.toString());
		Settings settings = Settings.from(environment);
		assertThat(settings.database().jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/orders");
		assertThat(settings.database().password()).isEqualTo("from file");
	}

	@Test
	void refusesBothAVariableAndItsFile() throws IOException {
		Path passwordFile = Files.writeString(this.files.resolve("password"), "x");
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> Settings
				.from(environment("DATABASE_PASSWORD", "y", "DATABASE_PASSWORD_FILE", passwordFile.toString())))
			.withMessage("both DATABASE_PASSWORD and DATABASE_PASSWORD_FILE are set; set only one of them");
	}

	@Test
	void namesAMissingSecretFile() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> Settings.from(Map.of("DATABASE_URL_FILE", "/no/such/file")))
			.withMessageStartingWith("DATABASE_URL_FILE: '/no/such/file' is not a readable file");
	}

	@ParameterizedTest
	@CsvSource({ "90,PT1M30S", "90s,PT1M30S", "2m,PT2M", "500ms,PT0.5S", "1h,PT1H", "0,PT0S" })
	void readsWaitTimeouts(String value, Duration expected) {
		assertThat(Settings.from(environment("DB_WAIT_TIMEOUT", value)).dbWaitTimeout()).isEqualTo(expected);
	}

	@Test
	void waitsSixtySecondsAndFiveMinutesForTheLockByDefault() {
		Settings settings = Settings.from(environment());
		assertThat(settings.dbWaitTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(settings.migrationLockWait()).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void triesALockConflictThreeTimesMoreByDefault() {
		assertThat(Settings.from(environment()).migrationLockRetries()).isEqualTo(3);
		assertThat(Settings.from(environment("MIGRATION_LOCK_RETRIES", "0")).migrationLockRetries()).isZero();
		assertThat(Settings.from(environment("MIGRATION_LOCK_RETRIES", " 10 ")).migrationLockRetries()).isEqualTo(10);
	}

	@ParameterizedTest
	@ValueSource(strings = { "-1", "1.5", "three", "11", "99999999999", "+1" })
	void rejectsLockRetriesThatAreNotAWholeNumberUpToTen(String value) {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> Settings.from(environment("MIGRATION_LOCK_RETRIES", value)))
			.withMessage("MIGRATION_LOCK_RETRIES: '" + value + "' is not allowed; use a whole number from 0 to 10 (default 3)");
	}

	@Test
	void readsMigrationLintAndRefusesOtherValues() {
		assertThat(Settings.from(environment()).migrationLint()).isEqualTo(Settings.MigrationLint.OFF);
		assertThat(Settings.from(environment("MIGRATION_LINT", "Enforce")).migrationLint())
			.isEqualTo(Settings.MigrationLint.ENFORCE);
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> Settings.from(environment("MIGRATION_LINT", "strict")))
			.withMessage("MIGRATION_LINT: 'strict' is not allowed; use one of off, warn, enforce");
	}

	@Test
	void aShadowDatabaseIsNeverTheTarget() {
		assertThat(Settings.from(environment("SHADOW_DATABASE_URL", "postgresql://lint:pw@scratch/shadow")).shadowDatabase()
			.describe()).isEqualTo("shadow at scratch as lint");
		for (String same : new String[] { "postgresql://other:pw@db:5432/orders", "postgresql://app:secret@DB/orders?sslmode=require" }) {
			assertThatExceptionOfType(ConfigurationException.class)
				.isThrownBy(() -> Settings.from(environment("SHADOW_DATABASE_URL", same)))
				.withMessageStartingWith("SHADOW_DATABASE_URL names the same database as DATABASE_URL")
				.withMessageNotContaining("secret");
		}
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> Settings.from(environment("MIGRATION_DATABASE_URL", "postgresql://owner:pw@db2/orders",
					"SHADOW_DATABASE_URL", "postgresql://lint:pw@db2:5432/orders")))
			.withMessageStartingWith("SHADOW_DATABASE_URL names the same database as MIGRATION_DATABASE_URL");
	}

	@ParameterizedTest
	@ValueSource(strings = { "-1", "1.5", "ten", "10 s", "10d", "99999999999", "25h" })
	void rejectsInvalidDurations(String value) {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> Settings.from(environment("DB_WAIT_TIMEOUT", value)))
			.withMessageStartingWith("DB_WAIT_TIMEOUT: '");
	}

	@Test
	void showsLongOrControlCharacterValuesOnOneShortLine() {
		String value = "x".repeat(500) + "\nnext line";
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> Settings.from(environment("DB_WAIT_TIMEOUT", "\u0007" + value)))
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).doesNotContain("\n").contains("(cut short)");
				assertThat(ex.getMessage().length()).isLessThan(200);
			});
	}

	@Test
	void readsSchemaCheckAndLogFormatInAnyCase() {
		Settings settings = Settings.from(environment("SCHEMA_CHECK", "FAIL", "LOG_FORMAT", "Json",
				"SCHEMA_CHECK_INTERVAL", "2s"));
		assertThat(settings.schemaCheck()).isEqualTo(Settings.SchemaCheck.FAIL);
		assertThat(settings.logFormat().structuredFormat()).isEqualTo("ecs");
		assertThat(settings.schemaCheckInterval()).isEqualTo(Duration.ofSeconds(2));
		Settings defaults = Settings.from(environment());
		assertThat(defaults.schemaCheck()).isEqualTo(Settings.SchemaCheck.WAIT);
		assertThat(defaults.logFormat()).isEqualTo(Settings.LogFormat.TEXT);
		assertThat(defaults.schemaCheckInterval()).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void rejectsOtherSchemaChecksAndLogFormatsNamingTheChoices() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> Settings.from(environment("SCHEMA_CHECK", "sometimes")))
			.withMessage("SCHEMA_CHECK: 'sometimes' is not allowed; use one of wait, fail, off");
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> Settings.from(environment("LOG_FORMAT", "xml")))
			.withMessage("LOG_FORMAT: 'xml' is not allowed; use one of text, json, ecs, logstash");
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> Settings.from(environment("SCHEMA_CHECK_INTERVAL", "10ms")))
			.withMessageStartingWith("SCHEMA_CHECK_INTERVAL: '10ms' is too short");
	}

	@Test
	void theMigrationUrlAloneServesForBothRoles() {
		Settings settings = Settings.from(Map.of("MIGRATION_DATABASE_URL", "postgresql://owner:pw@db/app"));
		assertThat(settings.database()).isEqualTo(settings.migrationDatabase());
		assertThat(settings.migrationDatabase().user()).isEqualTo("owner");
		Settings both = Settings.from(environment("MIGRATION_DATABASE_URL", "postgresql://owner:pw@db/app"));
		assertThat(both.database().user()).isEqualTo("app");
		assertThat(both.migrationDatabase().user()).isEqualTo("owner");
	}

}
