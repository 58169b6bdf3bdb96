package io.schemagate.postdeploy;

import org.flywaydb.core.Flyway;

/**
 * One set of migrations and the Flyway that reads it.
 *
 * @param kind which set
 * @param flyway its Flyway
 */
public record MigrationSet(Kind kind, Flyway flyway) {

	/** The two sets, as reports name them. */
	public enum Kind {

		/** Applied by {@code migrate}, before the new release serves. */
		REGULAR("regular"),

		/** Applied by {@code migrate --post}, once every replica runs the release. */
		POST_DEPLOY("post-deploy");

		private final String label;

		Kind(String label) {
			this.label = label;
		}

		/** {@code regular} or {@code post-deploy}. */
		public String label() {
			return this.label;
		}

	}

}
