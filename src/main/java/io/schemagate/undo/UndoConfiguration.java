package io.schemagate.undo;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.schemagate.postdeploy.PostDeployMigrations;
import io.schemagate.settings.Settings;

/** Undo in every context: the undoer and the undo proofs. */
@Configuration(proxyBeanMethods = false)
public class UndoConfiguration {

	@Bean
	Undoer undoer(Settings settings, ObjectProvider<MeterRegistry> meters, ObjectProvider<PostDeployMigrations> sets) {
		return new Undoer(settings, meters.getIfAvailable(), sets);
	}

	@Bean
	VerifyUndo verifyUndo(Settings settings) {
		return new VerifyUndo(settings);
	}

}
