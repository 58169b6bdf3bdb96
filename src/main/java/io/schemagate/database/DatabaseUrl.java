package io.schemagate.database;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Parses the two forms of database URL users bring: libpq's
 * {@code postgresql://user:password@host:port/db?param=value} (also {@code postgres://}),
 * as Heroku, Render and most platforms hand them out, and pgjdbc's
 * {@code jdbc:postgresql://...}. Credentials found in either form are moved out of the URL
 * into the {@link DatabaseTarget}.
 * <p>
 * Written by hand because {@link java.net.URI} rejects what libpq accepts (several hosts,
 * unencoded characters in the query) and pgjdbc does not read the libpq form at all.
 * Error messages never repeat the URL, which may hold a password. A little over 200
 * lines: the libpq form, the JDBC form and their one set of checks read best together.
 */
public final class DatabaseUrl {

	private static final String JDBC_PREFIX = "jdbc:postgresql:";

	/** Who gives a URL unless {@link DatabaseTarget#givenBy} says otherwise: DATABASE_URL. */
	private static final String DEFAULT_SETTING = "DATABASE";

	private static final Map<String, String> LIBPQ_TO_PGJDBC = Map.of("application_name", "ApplicationName",
			"connect_timeout", "connectTimeout", "sslrootcert", "sslrootcert", "target_session_attrs",
			"targetServerType");

	private DatabaseUrl() {
	}

	/**
	 * Parse a URL in either form.
	 * @param url the URL
	 * @return the target, with the credentials the URL holds (user may be null)
	 * @throws IllegalArgumentException with a message that does not repeat the URL
	 */
	public static DatabaseTarget parse(String url) {
		if (url.startsWith(JDBC_PREFIX)) {
			return parseJdbc(url);
		}
		int schemeEnd = url.indexOf("://");
		String scheme = (schemeEnd > 0) ? url.substring(0, schemeEnd) : "";
		if (!scheme.equals("postgresql") && !scheme.equals("postgres")) {
			throw new IllegalArgumentException("must start with postgresql://, postgres:// or jdbc:postgresql://");
		}
		return parseLibpq(url.substring(schemeEnd + 3));
	}

	private static DatabaseTarget parseJdbc(String url) {
		int queryStart = url.indexOf('?');
		String base = (queryStart < 0) ? url : url.substring(0, queryStart);
		Map<String, String> query = (queryStart < 0) ? new LinkedHashMap<>()
				: parseQuery(url.substring(queryStart + 1));
		if (base.length() == JDBC_PREFIX.length()) {
			throw new IllegalArgumentException("names no database; expected jdbc:postgresql://host:5432/dbname");
		}
		String user = query.remove("user");
		String password = query.remove("password");
		return new DatabaseTarget(base + toQueryString(query), user, password, DEFAULT_SETTING);
	}

	private static DatabaseTarget parseLibpq(String rest) {
		int queryStart = rest.indexOf('?');
		Map<String, String> query = (queryStart < 0) ? new LinkedHashMap<>()
				: parseQuery(rest.substring(queryStart + 1));
		String beforeQuery = (queryStart < 0) ? rest : rest.substring(0, queryStart);
		// The host cannot contain '@', so the credentials end at the last one.
		int at = beforeQuery.lastIndexOf('@');
		String userInfo = (at < 0) ? null : beforeQuery.substring(0, at);
		String hostAndPath = beforeQuery.substring(at + 1);
		int slash = hostAndPath.indexOf('/');
		String hosts = (slash < 0) ? hostAndPath : hostAndPath.substring(0, slash);
		String database = (slash < 0) ? "" : decode(hostAndPath.substring(slash + 1), "database name");
		hosts = hostFromQuery(hosts, query);
		checkHosts(hosts);
		if (database.isEmpty()) {
			throw new IllegalArgumentException("names no database; expected postgresql://user:password@host:5432/dbname");
		}
		String user = null;
		String password = null;
		if (userInfo != null) {
			int colon = userInfo.indexOf(':');
			user = decode((colon < 0) ? userInfo : userInfo.substring(0, colon), "user");
			password = (colon < 0) ? null : decode(userInfo.substring(colon + 1), "password");
		}
		user = firstNonNull(query.remove("user"), user);
		password = firstNonNull(query.remove("password"), password);
		Map<String, String> driverParameters = new LinkedHashMap<>();
		query.forEach((name, value) -> driverParameters.put(LIBPQ_TO_PGJDBC.getOrDefault(name, name), value));
		String jdbcUrl = JDBC_PREFIX + "//" + hosts + "/" + encodePath(database) + toQueryString(driverParameters);
		return new DatabaseTarget(jdbcUrl, (user == null || user.isEmpty()) ? null : user, password, DEFAULT_SETTING);
	}

	/**
	 * libpq's {@code host} (and {@code port}) parameters stand for the host part; a host
	 * that is a folder (a unix socket) is refused: the driver connects over TCP only.
	 */
	private static String hostFromQuery(String hosts, Map<String, String> query) {
		String host = query.remove("host");
		String port = query.remove("port");
		if (decode(hosts, "host").startsWith("/") || (host != null && host.startsWith("/"))) {
			throw new IllegalArgumentException("names a unix-socket folder as its host; schemagate connects over TCP"
					+ " only: give host:port, e.g. postgresql://user:password@localhost:5432/dbname");
		}
		if (host == null || host.isEmpty()) {
			return hosts;
		}
		return (port == null || port.isEmpty()) ? host : host + ":" + port;
	}

	private static void checkHosts(String hosts) {
		if (hosts.isEmpty()) {
			throw new IllegalArgumentException("names no host; expected postgresql://user:password@host:5432/dbname");
		}
		for (String host : hosts.split(",", -1)) {
			int portStart = host.startsWith("[") ? host.indexOf("]:") + 1 : host.lastIndexOf(':');
			String name = (portStart > 0) ? host.substring(0, portStart) : host;
			if (name.isEmpty() || !name.matches("[A-Za-z0-9.\\-_]+|\\[[0-9A-Fa-f:.]+\\]")) {
				throw new IllegalArgumentException("has an invalid host; expected a host name or address");
			}
			if (portStart > 0) {
				checkPort(host.substring(portStart + 1));
			}
		}
	}

	private static void checkPort(String port) {
		if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
			throw new IllegalArgumentException("has an invalid port; expected a number from 1 to 65535");
		}
	}

	private static Map<String, String> parseQuery(String query) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String pair : query.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode((equals < 0) ? pair : pair.substring(0, equals), "query parameter name");
			String value = (equals < 0) ? "" : decode(pair.substring(equals + 1), "query parameter value");
			if (name.isEmpty()) {
				throw new IllegalArgumentException("has a query parameter without a name");
			}
			parameters.put(name, value);
		}
		return parameters;
	}

	private static String toQueryString(Map<String, String> parameters) {
		if (parameters.isEmpty()) {
			return "";
		}
		return parameters.entrySet()
			.stream()
			.map((entry) -> encodeQuery(entry.getKey()) + "=" + encodeQuery(entry.getValue()))
			.collect(Collectors.joining("&", "?", ""));
	}

	/**
	 * Percent-decode strictly: unlike {@link java.net.URLDecoder}, a '+' stays a '+', as
	 * it must in the user and password parts of a URL.
	 */
	static String decode(String text, String part) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		int i = 0;
		while (i < text.length()) {
			if (text.charAt(i) == '%') {
				if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0
						|| Character.digit(text.charAt(i + 2), 16) < 0) {
					throw new IllegalArgumentException(
							"has an invalid percent-encoding in the " + part + "; write a literal % as %25");
				}
				bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
				i += 3;
			}
			else {
				int next = text.indexOf('%', i);
				next = (next < 0) ? text.length() : next;
				bytes.writeBytes(text.substring(i, next).getBytes(StandardCharsets.UTF_8));
				i = next;
			}
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	private static String encodePath(String text) {
		return encodeQuery(text).replace("+", "%20");
	}

	private static String encodeQuery(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private static String firstNonNull(String first, String second) {
		return (first != null) ? first : second;
	}

}
