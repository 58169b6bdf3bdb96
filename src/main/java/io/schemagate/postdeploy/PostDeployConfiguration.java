package io.schemagate.postdeploy;

import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.schemagate.migration.Migrator;
import io.schemagate.migration.StartingMigrations;
import io.schemagate.settings.Settings;

/** Both sets of migrations in every context, and both applied by {@code RUN_MIGRATIONS=true}. */
@Configuration(proxyBeanMethods = false)
public class PostDeployConfiguration {

	@Bean
	PostDeployMigrations postDeployMigrations(Flyway flyway, Settings settings) {
		return new PostDeployMigrations(flyway, settings.postMigrationLocations());
	}

	@Bean
	ReleaseMigrator releaseMigrator(Migrator migrator, PostDeployMigrations sets) {
		return new ReleaseMigrator(migrator, sets);
	}

	/** One release at a time (dev): the regular set, then the post-deploy set. */
	@Bean
	StartingMigrations startingMigrations(ReleaseMigrator releaseMigrator) {
		return (flyway) -> releaseMigrator.migrateBoth();
	}

}
