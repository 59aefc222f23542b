package dev.pinwarden.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import dev.pinwarden.support.TestApi.Response;

/**
 * Many requests at once, as an attacker sends them: {@code connections} threads released
 * together, each sending its share one after the other over keep-alive connections.
 */
public final class Burst {

	private Burst() {
	}

	/**
	 * Sends {@code requests} requests, the i-th made by {@code request}; their answers in
	 * order.
	 */
	public static List<Response> send(int requests, int connections, IntFunction<Response> request) {
		ExecutorService pool = Executors.newFixedThreadPool(connections);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Response>> answers = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				int index = i;
				answers.add(pool.submit(() -> {
					start.await();
					return request.apply(index);
				}));
			}
			start.countDown();
			List<Response> responses = new ArrayList<>();
			for (Future<Response> answer : answers) {
				responses.add(answer.get());
			}
			return responses;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** How many of these answers have this status. */
	public static long count(List<Response> responses, int status) {
		return responses.stream().filter((response) -> response.status() == status).count();
	}

}
