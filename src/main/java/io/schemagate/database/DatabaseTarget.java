package io.schemagate.database;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import io.schemagate.text.Shown;

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

	private static final String JDBC_PREFIX = "jdbc:postgresql:";

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

	/**
	 * Whether {@code other} is the same database on the same server, by host, port and
	 * name as the URLs give them (a host given two ways, a name and an address, is not
	 * seen as one).
	 */
	public boolean isSameDatabaseAs(DatabaseTarget other) {
		return where().equals(other.where());
	}

	/** The hosts with their ports (5432 where none is given), lower-cased, and the database name. */
	private String where() {
		String rest = this.jdbcUrl.substring(JDBC_PREFIX.length());
		int query = rest.indexOf('?');
		rest = (query < 0) ? rest : rest.substring(0, query);
		if (!rest.startsWith("//")) {
			return "localhost:5432/" + URLDecoder.decode(rest, StandardCharsets.UTF_8);
		}
		int slash = rest.indexOf('/', 2);
		String hosts = (slash < 0) ? rest.substring(2) : rest.substring(2, slash);
		String name = (slash < 0) ? "" : rest.substring(slash + 1);
		StringBuilder where = new StringBuilder();
		for (String host : hosts.toLowerCase(java.util.Locale.ROOT).split(",")) {
			boolean hasPort = host.startsWith("[") ? host.contains("]:") : host.contains(":");
			where.append(host).append(hasPort ? "" : ":5432").append(',');
		}
		return where + "/" + URLDecoder.decode(name, StandardCharsets.UTF_8);
	}

	/** This target with another database name on the same server and as the same user: a scratch database. */
	public DatabaseTarget withDatabaseName(String name) {
		String rest = this.jdbcUrl.substring(JDBC_PREFIX.length());
		int query = rest.indexOf('?');
		String parameters = (query < 0) ? "" : rest.substring(query);
		String location = (query < 0) ? rest : rest.substring(0, query);
		int slash = location.startsWith("//") ? location.indexOf('/', 2) : -1;
		String hosts = !location.startsWith("//") ? "//localhost" : (slash < 0) ? location : location.substring(0, slash);
		return new DatabaseTarget(JDBC_PREFIX + hosts + "/" + URLEncoder.encode(name, StandardCharsets.UTF_8) + parameters,
				this.user, this.password, this.setting);
	}

	/** A driver parameter's value in the URL, if it is there. */
	public java.util.Optional<String> parameter(String name) {
		int query = this.jdbcUrl.indexOf('?');
		if (query < 0) {
			return java.util.Optional.empty();
		}
		for (String pair : this.jdbcUrl.substring(query + 1).split("&")) {
			if (pair.startsWith(name + "=")) {
				return java.util.Optional.of(URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8));
			}
		}
		return java.util.Optional.empty();
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

	/**
	 * A form for people and logs, after the word "database": its name, where, and as whom
	 * ({@code orders at db:5432 as app}), each cut short; never the password.
	 */
	public String describe() {
		String rest = this.jdbcUrl.substring(JDBC_PREFIX.length());
		int query = rest.indexOf('?');
		rest = (query < 0) ? rest : rest.substring(0, query);
		String hosts = "localhost";
		String name = rest;
		if (rest.startsWith("//")) {
			int slash = rest.indexOf('/', 2);
			hosts = (slash < 0) ? rest.substring(2) : rest.substring(2, slash);
			name = (slash < 0) ? "" : rest.substring(slash + 1);
		}
		name = URLDecoder.decode(name, StandardCharsets.UTF_8);
		return Shown.bare(name) + " at " + Shown.bare(hosts) + " as " + Shown.bare(String.valueOf(this.user));
	}

	@Override
	public String toString() {
		return "DatabaseTarget[" + describe() + ", password=" + ((this.password == null) ? "none" : "(redacted)")
				+ "]";
	}

}
