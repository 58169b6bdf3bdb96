package io.schemagate.database;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DatabaseUrlTests {

	@Test
	void readsTheLibpqForm() {
		DatabaseTarget target = DatabaseUrl.parse("postgresql://app:secret@db.example.com:6543/orders");
		assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/orders");
		assertThat(target.user()).isEqualTo("app");
		assertThat(target.password()).isEqualTo("secret");
	}

	@Test
	void acceptsThePostgresScheme() {
		DatabaseTarget target = DatabaseUrl.parse("postgres://app:secret@db/orders");
		assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://db/orders");
	}

	@Test
	void decodesPercentEncodedCredentialsAndKeepsPlusSigns() {
		DatabaseTarget target = DatabaseUrl.parse("postgresql://us%40er:p%40ss%3Aw%2Fo+rd%25@db/orders");
		assertThat(target.user()).isEqualTo("us@er");
		assertThat(target.password()).isEqualTo("p@ss:w/o+rd%");
	}

	@Test
	void decodesUnicodeCredentials() {
		DatabaseTarget target = DatabaseUrl.parse("postgresql://app:%E2%82%AC%F0%9F%94%91@db/orders");
		assertThat(target.password()).isEqualTo("€🔑");
	}

	@Test
	void takesCredentialsUpToTheLastAtSign() {
		DatabaseTarget target = DatabaseUrl.parse("postgresql://app:p@ss@db/orders");
		assertThat(target.password()).isEqualTo("p@ss");
		assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://db/orders");
	}

	@Test
	void passesQueryParametersToTheDriver() {
		DatabaseTarget target = DatabaseUrl.parse("postgresql://app:secret@db/orders?sslmode=require&connect_timeout=5");
		assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://db/orders?sslmode=require&connectTimeout=5");
	}

	@Test
	void movesCredentialsInTheQueryOutOfTheUrl() {
		DatabaseTarget target = DatabaseUrl.parse("postgresql://db/orders?user=app&password=secret&sslmode=disable");
		assertThat(target.user()).isEqualTo("app");
		assertThat(target.password()).isEqualTo("secret");
		assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://db/orders?sslmode=disable");
	}

	@Test
	void readsSeveralHostsAndIpv6Addresses() {
		assertThat(DatabaseUrl.parse("postgresql://app@h1:5432,h2:5433/orders").jdbcUrl())
			.isEqualTo("jdbc:postgresql://h1:5432,h2:5433/orders");
		assertThat(DatabaseUrl.parse("postgresql://app@[::1]:5432/orders").jdbcUrl())
			.isEqualTo("jdbc:postgresql://[::1]:5432/orders");
	}

	@Test
	void leavesTheUserUnsetWhenTheUrlHasNone() {
		DatabaseTarget target = DatabaseUrl.parse("postgresql://db/orders");
		assertThat(target.user()).isNull();
		assertThat(target.password()).isNull();
	}

	@Test
	void readsTheJdbcFormAndMovesItsCredentialsOut() {
		DatabaseTarget target = DatabaseUrl
			.parse("jdbc:postgresql://db:5432/orders?user=app&password=secret&ssl=true");
		assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/orders?ssl=true");
		assertThat(target.user()).isEqualTo("app");
		assertThat(target.password()).isEqualTo("secret");
	}

	@ParameterizedTest
	@ValueSource(strings = { "mysql://app:secret@db/orders", "db:5432/orders", "", "postgresql:/db/orders" })
	void rejectsOtherSchemes(String url) {
		assertThatIllegalArgumentException().isThrownBy(() -> DatabaseUrl.parse(url))
			.withMessageContaining("must start with postgresql://");
	}

	@ParameterizedTest
	@ValueSource(strings = { "postgresql://app:secret@db:0/orders", "postgresql://app:secret@db:70000/orders",
			"postgresql://app:secret@db:abc/orders" })
	void rejectsInvalidPorts(String url) {
		assertThatIllegalArgumentException().isThrownBy(() -> DatabaseUrl.parse(url))
			.withMessageContaining("invalid port")
			.withMessageNotContaining("secret");
	}

	@Test
	void rejectsAUrlWithoutDatabaseOrHost() {
		assertThatIllegalArgumentException().isThrownBy(() -> DatabaseUrl.parse("postgresql://app:secret@db"))
			.withMessageContaining("names no database");
		assertThatIllegalArgumentException().isThrownBy(() -> DatabaseUrl.parse("postgresql://app:secret@/orders"))
			.withMessageContaining("names no host");
	}

	@Test
	void rejectsHostsWithInjectedCharacters() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DatabaseUrl.parse("postgresql://app:secret@db;drop table x/orders"))
			.withMessageContaining("invalid host");
	}

	@Test
	void rejectsBrokenPercentEncodingWithoutShowingThePassword() {
		assertThatIllegalArgumentException().isThrownBy(() -> DatabaseUrl.parse("postgresql://app:sec%zzret@db/orders"))
			.withMessageContaining("percent-encoding in the password")
			.withMessageNotContaining("sec");
	}

	@Test
	void describesTheTargetWithoutThePassword() {
		DatabaseTarget target = DatabaseUrl.parse("postgresql://app:secret@db/orders");
		assertThat(target.describe()).isEqualTo("orders at db as app");
		assertThat(target.toString()).doesNotContain("secret");
	}

	@Test
	void addsDriverParametersUnlessTheUserSetThem() {
		DatabaseTarget plain = DatabaseUrl.parse("postgresql://app@db/orders");
		assertThat(plain.withParameter("ApplicationName", "x").jdbcUrl())
			.isEqualTo("jdbc:postgresql://db/orders?ApplicationName=x");
		DatabaseTarget named = DatabaseUrl.parse("postgresql://app@db/orders?application_name=mine");
		assertThat(named.withParameter("ApplicationName", "x").jdbcUrl())
			.isEqualTo("jdbc:postgresql://db/orders?ApplicationName=mine");
	}

}
