package io.schemagate.lint;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.springframework.beans.factory.ObjectProvider;

import io.schemagate.postdeploy.PostDeployMigrations;
import io.schemagate.settings.Settings;

/** Lint in every context: the {@code lint} command's linter, and migrate's gate (MIGRATION_LINT). */
@Configuration(proxyBeanMethods = false)
public class LintConfiguration {

	@Bean
	Linter linter(Settings settings, ObjectProvider<PostDeployMigrations> sets) {
		return new Linter(settings, sets);
	}

	@Bean
	LintGate lintGate(Linter linter, Settings settings) {
		return new LintGate(linter, settings.migrationLint());
	}

}
