package io.schemagate.drift;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.springframework.beans.factory.ObjectProvider;

import io.schemagate.postdeploy.PostDeployMigrations;
import io.schemagate.settings.Settings;

/** The drift check in every context, for {@code validate --schema} and lint. */
@Configuration(proxyBeanMethods = false)
public class DriftConfiguration {

	@Bean
	SchemaDrift schemaDrift(Settings settings, ObjectProvider<PostDeployMigrations> sets) {
		return new SchemaDrift(settings, sets);
	}

}
