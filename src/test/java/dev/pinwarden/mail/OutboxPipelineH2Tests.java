package dev.pinwarden.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.OnH2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Mails composed on another thread while their transaction goes on: every batch is queued
 * before the commit, in order, or not at all.
 */
@OnH2
class OutboxPipelineH2Tests extends ApiIntegrationTest {

	private static final int BATCH = 50;

	@Autowired
	OutboxPipeline pipeline;

	@Autowired
	MailSealer sealer;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void everyBatchIsQueuedBeforeTheCommitInOrderWithAtMostOneComposedAhead() {
		List<Long> queuedWhileRunning = new ArrayList<>();
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
			for (int batch = 0; batch < 5; batch++) {
				int number = batch;
				this.pipeline.enqueue(() -> mails("b" + number));
				queuedWhileRunning.add(queued());
			}
		});

		assertThat(queuedWhileRunning.get(4)).isGreaterThanOrEqualTo(4 * BATCH);
		assertThat(this.jdbc.sql("select recipient from mail_outbox order by id").query(String.class).list())
			.containsExactlyElementsOf(
					IntStream.range(0, 5).boxed().flatMap((batch) -> recipients("b" + batch).stream()).toList());
	}

	@Test
	void aCompositionThatFailsFailsItsTransactionAndNothingIsQueued() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
				this.pipeline.enqueue(() -> mails("first"));
				this.pipeline.enqueue(() -> {
					throw new IllegalStateException("the template broke");
				});
			}))
			.withMessage("the template broke");

		assertThat(queued()).isZero();
		new TransactionTemplate(this.transactionManager)
			.executeWithoutResult((status) -> this.pipeline.enqueue(() -> mails("after")));
		assertThat(queued()).isEqualTo(BATCH);
	}

	@Test
	void aTransactionOfItsOwnInsideAnotherQueuesItsOwnBatchesOnly() {
		TransactionTemplate inner = new TransactionTemplate(this.transactionManager);
		inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
			this.pipeline.enqueue(() -> mails("outer"));
			inner.executeWithoutResult((innerStatus) -> this.pipeline.enqueue(() -> mails("inner")));
			status.setRollbackOnly();
		});

		assertThat(this.jdbc.sql("select recipient from mail_outbox order by id").query(String.class).list())
			.containsExactlyElementsOf(recipients("inner"));
	}

	private long queued() {
		return this.jdbc.sql("select count(*) from mail_outbox").query(Long.class).single();
	}

	private List<Outbox.NewMail> mails(String batch) {
		return recipients(batch).stream()
			.map((recipient) -> new Outbox.NewMail(null, recipient, MailTemplateKind.NEW_PIN,
					this.sealer.seal(new RenderedMail("Subject", "Body"), recipient, MailTemplateKind.NEW_PIN), null))
			.toList();
	}

	private static List<String> recipients(String batch) {
		return IntStream.range(0, BATCH).mapToObj((i) -> batch + "-" + i + "@example.org").toList();
	}

}
