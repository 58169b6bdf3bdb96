package io.schemagate.expenses;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.migration.OnStart;
import io.schemagate.settings.Settings;
import io.schemagate.support.FaultReport;
import io.schemagate.support.TestDatabase;
import io.schemagate.support.TestPostgres;

/** The demo API over HTTP, on a schema the application migrated itself. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(FaultReport.class)
class ExpenseApiTests {

	private static final TestDatabase database = TestDatabase.create();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", database::jdbcUrl);
		registry.add("spring.datasource.username", () -> TestPostgres.ADMIN_USER);
		registry.add("spring.datasource.password", () -> TestPostgres.ADMIN_PASSWORD);
	}

	/** What the launcher registers in every context it starts: the settings, and for serve to migrate. */
	@TestConfiguration(proxyBeanMethods = false)
	static class LauncherSettings {

		@Bean
		Settings settings() {
			return Settings.from(Map.of("DATABASE_URL", database.url()));
		}

		@Bean
		OnStart onStart() {
			return OnStart.MIGRATE;
		}

	}

	private HttpResponse<String> post(String json) throws Exception {
		return post(json, "application/json");
	}

	private HttpResponse<String> post(String body, String contentType) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri("/api/expenses"))
			.header("Content-Type", contentType)
			.POST(BodyPublishers.ofString(body))
			.build(), BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return get(this.port, path);
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(port, path)).GET().build(), BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return uri(this.port, path);
	}

	private static URI uri(int port, String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	@Test
	void createdExpenseAnswers201WithLocationAndCanBeReadBack() throws Exception {
		HttpResponse<String> created = post(
				"{\"description\":\"Train to Lyon\",\"amount\":42.50,\"currency\":\"EUR\",\"spent_on\":\"2026-11-02\"}");
		assertThat(created.statusCode()).isEqualTo(201);
		String location = created.headers().firstValue("Location").orElseThrow();
		assertThat(location).matches("http://127\\.0\\.0\\.1:" + this.port + "/api/expenses/[0-9]+");
		HttpResponse<String> read = get(URI.create(location).getPath());
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.body()).contains("\"description\":\"Train to Lyon\"", "\"amount\":42.50",
				"\"currency\":\"EUR\"", "\"spent_on\":\"2026-11-02\"", "\"category\":\"general\"");
	}

	@Test
	void listsNewestFirstWithALimit() throws Exception {
		post("{\"description\":\"old\",\"amount\":1,\"currency\":\"USD\",\"spent_on\":\"2020-01-01\"}");
		post("{\"description\":\"new\",\"amount\":2,\"currency\":\"USD\",\"spent_on\":\"2026-11-20\"}");
		HttpResponse<String> list = get("/api/expenses?limit=1");
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).startsWith("[{").contains("\"description\":\"new\"").doesNotContain("\"old\"");
	}

	@Test
	void unknownIdAnswers404ProblemDetails() throws Exception {
		HttpResponse<String> missing = get("/api/expenses/999999");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void invalidFieldsAnswer400ProblemDetailsNamingTheField() throws Exception {
		assertField(post("{\"amount\":1,\"currency\":\"EUR\",\"spent_on\":\"2026-11-02\"}"), "description");
		assertField(post("{\"description\":\"x\",\"amount\":-5,\"currency\":\"EUR\",\"spent_on\":\"2026-11-02\"}"),
				"amount");
		assertField(post("{\"description\":\"x\",\"amount\":1e15,\"currency\":\"EUR\",\"spent_on\":\"2026-11-02\"}"),
				"amount");
		assertField(post("{\"description\":\"x\",\"amount\":1.001,\"currency\":\"EUR\",\"spent_on\":\"2026-11-02\"}"),
				"amount");
		assertField(post("{\"description\":\"x\",\"amount\":1,\"currency\":\"XYZ\",\"spent_on\":\"2026-11-02\"}"),
				"currency");
		assertField(post("{\"description\":\"x\",\"amount\":1,\"currency\":\"EUR\",\"spent_on\":\"1066-10-14\"}"),
				"spent_on");
		assertField(post("{\"description\":\"x\",\"amount\":\"ten\",\"currency\":\"EUR\",\"spent_on\":\"2026-11-02\"}"),
				"amount");
		assertField(post("{\"description\":\"x\",\"amount\":1,\"currency\":\"EUR\",\"spent_on\":\"2026-13-45\"}"),
				"spent_on");
		assertField(get("/api/expenses?limit=0"), "limit");
	}

	@Test
	void malformedBodiesAndWrongContentTypesAnswer4xx() throws Exception {
		HttpResponse<String> malformed = post("{not json");
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(malformed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(post("description=x", "application/x-www-form-urlencoded").statusCode()).isEqualTo(415);
	}

	@Test
	void oversizedBodiesAnswer413WithOrWithoutALength() throws Exception {
		String huge = "{\"description\":\"" + "x".repeat(20_000) + "\",\"amount\":1,\"currency\":\"EUR\",\"spent_on\":\"2026-11-02\"}";
		HttpResponse<String> announced = post(huge);
		assertThat(announced.statusCode()).isEqualTo(413);
		assertThat(announced.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		HttpResponse<String> chunked = this.http.send(HttpRequest.newBuilder(uri("/api/expenses"))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge.getBytes())))
			.build(), BodyHandlers.ofString());
		assertThat(chunked.statusCode()).isEqualTo(413);
	}

	@Test
	void actuatorServesOnlyHealthInfoAndPrometheusAndOnlyOnItsOwnPort() throws Exception {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		for (String endpoint : new String[] { "env", "configprops", "heapdump", "threaddump", "beans", "mappings",
				"loggers", "flyway", "shutdown", "metrics" }) {
			assertThat(get(this.managementPort, "/actuator/" + endpoint).statusCode()).as(endpoint).isEqualTo(404);
		}
		for (String endpoint : new String[] { "health", "health/readiness", "health/liveness", "info", "prometheus" }) {
			assertThat(get(this.managementPort, "/actuator/" + endpoint).statusCode()).as(endpoint).isEqualTo(200);
			assertThat(get("/actuator/" + endpoint).statusCode()).as("%s on the API's port", endpoint).isEqualTo(404);
		}
		assertThat(get(this.managementPort, "/api/expenses").statusCode()).as("the API on the management port")
			.isEqualTo(404);
	}

	@Test
	void absurdAmountsAndMissingBodiesAnswer4xx() throws Exception {
		assertField(post("{\"description\":\"x\",\"amount\":0,\"currency\":\"EUR\",\"spent_on\":\"2026-11-02\"}"), "amount");
		assertField(post("{\"description\":\"x\",\"amount\":1,\"currency\":\"eur\",\"spent_on\":\"2026-11-02\"}"), "currency");
		assertField(post("{\"description\":\"x\",\"amount\":1,\"currency\":\"EUR\",\"spent_on\":\"2999-01-01\"}"), "spent_on");
		assertThat(post("").statusCode()).isEqualTo(400);
		assertThat(post("[]").statusCode()).isEqualTo(400);
	}

	@Test
	void sqlInTheInputIsStoredAsText() throws Exception {
		String description = "x'); DROP TABLE expenses; --";
		HttpResponse<String> created = post("{\"description\":\"" + description
				+ "\",\"amount\":1,\"currency\":\"EUR\",\"spent_on\":\"2026-11-02\"}");
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(database.hasTable("expenses")).isTrue();
		assertThat(database.queryColumn("SELECT count(*) FROM expenses WHERE description = 'x''); DROP TABLE expenses; --'"))
			.containsExactly("1");
	}

	@Test
	@FaultReport.Scenario(value = "a NUL or a lone surrogate in the API's text fields",
			expected = "400 problem details naming the field; nothing stored")
	void textPostgreSqlCannotStoreAsSentAnswers400NamingTheField() throws Exception {
		// JSON escapes: a NUL (no PostgreSQL text holds one) and lone surrogates (no character at all).
		HttpResponse<String> nul = post(withText("\"before\\u0000after\"", null));
		assertField(nul, "description");
		assertThat(nul.body()).contains("NUL");
		assertField(post(withText("\"x\"", "\"food\\u0000\"")), "category");
		HttpResponse<String> lone = post(withText("\"before\\ud800after\"", null));
		assertField(lone, "description");
		assertThat(lone.body()).contains("lone surrogate");
		assertField(post(withText("\"x\\udc00\"", null)), "description");
		assertField(post(withText("\"x\"", "\"\\ud83d\"")), "category");
		assertThat(database.queryColumn("SELECT count(*) FROM expenses WHERE description LIKE 'before%'"))
			.containsExactly("0");
		// A pair is a character like any other, stored as sent.
		HttpResponse<String> pair = post(withText("\"smile \\ud83d\\ude42\"", "\"\\ud83d\\udcb6\""));
		assertThat(pair.statusCode()).as(pair.body()).isEqualTo(201);
		assertThat(database.queryColumn("SELECT description || ' ' || category FROM expenses WHERE description LIKE 'smile%'"))
			.containsExactly("smile \uD83D\uDE42 \uD83D\uDCB6");
		FaultReport.observed("400 naming description or category for NUL and lone surrogates");
	}

	/** An expense whose description and category are the given JSON values (null: no category). */
	private static String withText(String description, String category) {
		return "{\"description\":" + description + ",\"amount\":1,\"currency\":\"EUR\",\"spent_on\":\"2026-11-02\""
				+ ((category != null) ? ",\"category\":" + category : "") + "}";
	}

	private static void assertField(HttpResponse<String> response, String field) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"field\":\"" + field + "\"");
	}

}
