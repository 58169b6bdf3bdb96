package io.schemagate.database;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Where to connect and as whom. The JDBC URL never holds credentials, so it can be logged
 * as it is; {@link #toString()} leaves the password out.
 *
 * @param jdbcUrl a {@code jdbc:postgresql:} URL without user or password
 * @param user the role to connect as
 * @param password the role's password, empty where the server needs none
 * @param setting the settings it was given by, for messages that tell what to fix:
 * {@code DATABASE} for DATABASE_URL, DATABASE_USER and DATABASE_PASSWORD, or
 * {@code MIGRATION_DATABASE}
 */
public record DatabaseTarget(String jdbcUrl, String user, String password, String setting) {

	/** This target with other credentials, where they are given. */
	public DatabaseTarget withCredentials(String user, String password) {
		return new DatabaseTarget(this.jdbcUrl, (user != null) ? user : this.user,
				(password != null) ? password : this.password, this.setting);
	}

	/** This target as given by the {@code setting} variables ({@code MIGRATION_DATABASE_URL}, ...). */
	public DatabaseTarget givenBy(String setting) {
		return new DatabaseTarget(this.jdbcUrl, this.user, this.password, setting);
	}

	/**
	 * This target with a driver parameter added to its URL, unless the URL sets it
	 * already: what the user wrote wins.
	 */
	public DatabaseTarget withParameter(String name, String value) {
		if (this.jdbcUrl.contains("?" + name + "=") || this.jdbcUrl.contains("&" + name + "=")) {
			return this;
		}
		String separator = (this.jdbcUrl.indexOf('?') < 0) ? "?" : "&";
		return new DatabaseTarget(this.jdbcUrl + separator + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8),
				this.user, this.password, this.setting);
	}

	/** Driver properties carrying the credentials. */
	public Properties connectionProperties() {
		Properties properties = new Properties();
		if (this.user != null) {
			properties.setProperty("user", this.user);
		}
		if (this.password != null) {
			properties.setProperty("password", this.password);
		}
		return properties;
	}

	/** A form for people and logs: the user and the URL, never the password. */
	public String describe() {
		return this.user + " at " + this.jdbcUrl;
	}

	@Override
	public String toString() {
		return "DatabaseTarget[" + describe() + ", password=" + ((this.password == null) ? "none" : "(redacted)")
				+ "]";
	}

}
