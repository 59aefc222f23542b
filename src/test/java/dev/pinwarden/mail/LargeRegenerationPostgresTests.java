package dev.pinwarden.mail;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.OnPostgres;
import dev.pinwarden.support.UserMother;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mass regeneration of 100,000 users queues their 100,000 mails in the same
 * transaction, in batches. The dispatcher is held back so that the test measures the
 * regeneration alone.
 */
@OnPostgres
@TestPropertySource(properties = "pinwarden.mail.poll-interval=1h")
class LargeRegenerationPostgresTests extends ApiIntegrationTest {

	@Autowired
	JdbcTemplate jdbcTemplate;

	@Autowired
	OutboxDispatcher dispatcher;

	@Test
	void regeneratesAHundredThousandUsersAndQueuesTheirMails() {
		UserMother.insertUsers(this.jdbcTemplate, "staff", 100_000, 0);

		JsonNode result = this.api.post("/api/v1/pins/regenerate", "{}").json();

		assertThat(result.path("regenerated").asInt()).isEqualTo(100_000);
		assertThat(result.path("emailed").asInt()).isEqualTo(100_000);
		assertThat(result.path("pinLength").asInt()).isEqualTo(7);
		assertThat(this.jdbc.sql("select count(*) from mail_outbox where status = 'queued' and content is not null")
			.query(Long.class)
			.single()).isEqualTo(100_000);
		assertThat(this.jdbc.sql("select count(distinct digest) from pin").query(Long.class).single())
			.isEqualTo(100_000);
		// written with a binary COPY: the times are those of the regeneration, not
		// shifted
		assertThat(this.jdbc.sql("""
				select count(*) from pin p join mail_outbox o on o.user_id = p.user_id
				where p.created_at between now() - interval '5 minutes' and now()
				  and o.next_attempt_at between now() - interval '5 minutes' and now()""").query(Long.class).single())
			.isEqualTo(100_000);

		// the first batch goes out like any other
		assertThat(this.dispatcher.dispatchBatch()).isEqualTo(100);
		assertThat(this.smtp.awaitMessages(100)).hasSize(100);
	}

}
