package io.schemagate.commands;

import org.springframework.context.ApplicationContext;

import io.schemagate.postdeploy.PostDeployMigrations;

/** Both sets of migrations as the commands read them, and how a report shows the second. */
final class BothSets {

	private BothSets() {
	}

	/** The context's two sets. */
	static PostDeployMigrations of(ApplicationContext context) {
		return context.getBean(PostDeployMigrations.class);
	}

	/** The post-deploy set's part of a report: a heading, then its lines indented. */
	static String postDeploySection(String text) {
		return ("\npost-deploy migrations (migrate --post, after the rollout):\n  " + text.replace("\n", "\n  "))
			.replaceAll("(?m)[ ]+$", "");
	}

}
