package io.schemagate.launcher;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How the launcher's variables reach Spring. */
class InvocationEnvironmentTests {

	@Test
	void blankVariablesAreUnsetForSpringAsForTheLauncher() {
		InvocationEnvironment environment = new InvocationEnvironment(
				Map.of("MANAGEMENT_SERVER_PORT", "", "SERVER_PORT", "   ", "SPRING_APPLICATION_NAME", "named"),
				Map.of("spring.flyway.group", "true"));
		assertThat(environment.getProperty("management.server.port")).isNull();
		assertThat(environment.getProperty("server.port")).isNull();
		assertThat(environment.getProperty("spring.application.name")).isEqualTo("named");
		assertThat(environment.getProperty("spring.flyway.group")).isEqualTo("true");
	}

}
