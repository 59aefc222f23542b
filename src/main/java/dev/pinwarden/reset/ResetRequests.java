package dev.pinwarden.reset;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Takes reset requests and handles them after the answer has gone out, so that the answer
 * is the same, and as fast, whether or not the user exists: its timing tells nothing.
 * They are handled on two threads of their own with a bounded queue, so that a flood of
 * requests neither takes the server's other threads nor grows without end: past the queue
 * a request is dropped (and logged), as a mail server under a flood would.
 */
@Component
public class ResetRequests implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ResetRequests.class);

	static final int QUEUE = 500;

	private final PinResets resets;

	private final ThreadPoolExecutor executor;

	ResetRequests(PinResets resets) {
		this.resets = resets;
		this.executor = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE),
				new CustomizableThreadFactory("pinwarden-reset-"),
				(task, pool) -> log.warn("A PIN reset request was dropped: {} are waiting already", QUEUE));
	}

	/**
	 * Counts the request against its source address, then queues it.
	 * @throws dev.pinwarden.attempt.AttemptsExhaustedException when the address made too
	 * many
	 */
	public void submit(String login, String address) {
		this.resets.admitRequest(address);
		this.executor.execute(() -> {
			try {
				this.resets.request(login);
			}
			catch (RuntimeException ex) {
				log.error("A PIN reset request could not be handled", ex);
			}
		});
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
