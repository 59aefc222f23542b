package dev.pinwarden.user;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.pinwarden.pin.PinGenerator;
import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.TestApi.Response;
import dev.pinwarden.support.UserMother;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A regeneration that fails half-way, after its first batches are written, leaves every
 * old PIN as it was: it is one transaction.
 */
@Import(PinRegenerationRollbackTests.FaultInjection.class)
abstract class PinRegenerationRollbackTests extends ApiIntegrationTest {

	@Autowired
	JdbcTemplate jdbcTemplate;

	@Autowired
	ArmedPinGenerator generator;

	@AfterEach
	void disarm() {
		this.generator.failAfter.set(-1);
	}

	@Test
	void aFailureHalfWayLeavesTheOldPinsWorking() {
		UserMother.insertUsers(this.jdbcTemplate, "staff", 2_500, 0);
		this.api.post("/api/v1/pins/regenerate", "{}");
		List<byte[]> before = digests();
		long queuedBefore = this.jdbc.sql("select count(*) from mail_outbox").query(Long.class).single();
		assertThat(queuedBefore).isEqualTo(2_500);

		this.generator.failAfter.set(2_000);
		Response failed = this.api.post("/api/v1/pins/regenerate", "{}");
		assertThat(failed.status()).isEqualTo(500);
		assertThat(failed.code()).isEqualTo("internal_error");

		// the first two batches' mails were queued in the same transaction: none is left
		assertThat(this.jdbc.sql("select count(*) from mail_outbox").query(Long.class).single())
			.isEqualTo(queuedBefore);
		List<byte[]> after = digests();
		assertThat(after).hasSize(2_500);
		for (int i = 0; i < before.size(); i++) {
			assertThat(after.get(i)).isEqualTo(before.get(i));
		}
	}

	private List<byte[]> digests() {
		return this.jdbc.sql("select digest from pin order by user_id").query(byte[].class).list();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FaultInjection {

		@Bean
		@Primary
		ArmedPinGenerator armedPinGenerator() {
			return new ArmedPinGenerator();
		}

	}

	/** A real generator that can be told to fail after a number of PINs. */
	static class ArmedPinGenerator extends PinGenerator {

		final AtomicInteger failAfter = new AtomicInteger(-1);

		@Override
		public String next(int length) {
			if (this.failAfter.getAndUpdate((n) -> (n > 0) ? n - 1 : n) == 0) {
				throw new IllegalStateException("injected failure");
			}
			return super.next(length);
		}

	}

}
