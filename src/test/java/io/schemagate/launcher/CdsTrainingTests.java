package io.schemagate.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CdsTrainingTests {

	@Test
	void trainingLoadsTheDriverAndFlywayFromTheirJars() {
		int loaded = CdsTraining.loadDatabaseClasses(getClass().getClassLoader());
		// The driver has some 490 classes, Flyway's core 456, its PostgreSQL support a few dozen.
		assertThat(loaded).isGreaterThan(900);
	}

	@Test
	void classNamesComeFromClassEntriesOnly() {
		assertThat(CdsTraining.className("org/flywaydb/core/Flyway$1.class")).isEqualTo("org.flywaydb.core.Flyway$1");
		assertThat(CdsTraining.className("META-INF/versions/9/org/postgresql/Driver.class")).isNull();
		assertThat(CdsTraining.className("org/postgresql/driverconfig.properties")).isNull();
		assertThat(CdsTraining.className("module-info.class")).isNull();
	}

	@Test
	void anOrdinaryStartIsNotATrainingStart() {
		assertThat(CdsTraining.isTraining()).isFalse();
	}

}
