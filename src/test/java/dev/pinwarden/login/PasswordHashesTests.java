package dev.pinwarden.login;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** No more password checks at a time than allowed; one that waits too long is refused. */
class PasswordHashesTests {

	@Test
	void whileTheAllowedChecksRunAnotherWaitsAndIsRefusedAsBusy() throws Exception {
		HoldingEncoder encoder = new HoldingEncoder();
		PasswordHashes hashes = new PasswordHashes(encoder, 2);
		CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> hashes.matches("a", "hash"));
		CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> hashes.matches("b", "hash"));
		assertThat(encoder.started.await(10, TimeUnit.SECONDS)).isTrue();

		long before = System.nanoTime();
		assertThatThrownBy(() -> hashes.matches("c", "hash")).isInstanceOf(LoginsBusyException.class);
		assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before))
			.isGreaterThanOrEqualTo(PasswordHashes.WAIT_MILLIS - 50);
		assertThat(encoder.mostAtOnce.get()).isEqualTo(2);

		encoder.release.countDown();
		assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
		assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
		assertThat(hashes.matches("d", "hash")).isTrue();
	}

	/**
	 * A password encoder whose checks wait until released, counting how many run at once.
	 */
	private static final class HoldingEncoder implements PasswordEncoder {

		private final CountDownLatch started = new CountDownLatch(2);

		private final CountDownLatch release = new CountDownLatch(1);

		private final AtomicInteger running = new AtomicInteger();

		private final AtomicInteger mostAtOnce = new AtomicInteger();

		@Override
		public String encode(CharSequence raw) {
			return "hash";
		}

		@Override
		public boolean matches(CharSequence raw, String encoded) {
			this.mostAtOnce.accumulateAndGet(this.running.incrementAndGet(), Math::max);
			this.started.countDown();
			try {
				return this.release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			finally {
				this.running.decrementAndGet();
			}
		}

	}

}
