package dev.pinwarden.reset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Takes reset requests and handles them after the answer has gone out, so that the answer
 * is the same, and as fast, whether or not the user exists: its timing tells nothing.
 */
@Component
public class ResetRequests {

	private static final Logger log = LoggerFactory.getLogger(ResetRequests.class);

	private final PinResets resets;

	private final TaskExecutor executor;

	ResetRequests(PinResets resets, @Qualifier("applicationTaskExecutor") TaskExecutor executor) {
		this.resets = resets;
		this.executor = executor;
	}

	public void submit(String login) {
		this.executor.execute(() -> {
			try {
				this.resets.request(login);
			}
			catch (RuntimeException ex) {
				log.error("A PIN reset request could not be handled", ex);
			}
		});
	}

}
