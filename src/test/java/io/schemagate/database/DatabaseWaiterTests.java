package io.schemagate.database;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.schemagate.support.TestDatabase;

class DatabaseWaiterTests {

	@Test
	void returnsOnceTheDatabaseAcceptsTheCredentials() {
		TestDatabase database = TestDatabase.create();
		DatabaseTarget target = DatabaseUrl.parse(database.url());
		assertThat(new DatabaseWaiter(Duration.ZERO).waitFor(target)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void givesUpAtTheDeadlineWithTheLastError() throws IOException {
		DatabaseTarget target = DatabaseUrl.parse("postgresql://app:secret@127.0.0.1:" + freePort() + "/x");
		long start = System.nanoTime();
		assertThatExceptionOfType(DatabaseUnreachableException.class)
			.isThrownBy(() -> new DatabaseWaiter(Duration.ofSeconds(2)).waitFor(target))
			.withMessageContaining("still unreachable after")
			.withMessageContaining("DB_WAIT_TIMEOUT=2.0s")
			.withMessageContaining("last error: Connection to 127.0.0.1")
			.withMessageNotContaining("secret");
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(took).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(5));
	}

	@Test
	void makesOneAttemptWhenTheTimeoutIsZero() throws IOException {
		DatabaseTarget target = DatabaseUrl.parse("postgresql://app:secret@127.0.0.1:" + freePort() + "/x");
		long start = System.nanoTime();
		assertThatExceptionOfType(DatabaseUnreachableException.class)
			.isThrownBy(() -> new DatabaseWaiter(Duration.ZERO).waitFor(target));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void refusedCredentialsEndTheWaitAtOnce() {
		TestDatabase database = TestDatabase.create();
		DatabaseTarget target = DatabaseUrl.parse(database.url()).withCredentials(null, "wrong-password");
		long start = System.nanoTime();
		assertThatExceptionOfType(AuthenticationFailedException.class)
			.isThrownBy(() -> new DatabaseWaiter(Duration.ofSeconds(30)).waitFor(target))
			.withMessageContaining("refused the credentials")
			.withMessageContaining("password authentication failed")
			.withMessageNotContaining("wrong-password");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
