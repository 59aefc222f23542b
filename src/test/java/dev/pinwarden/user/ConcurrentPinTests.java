package dev.pinwarden.user;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.pinwarden.pin.PinRegeneration;
import dev.pinwarden.pin.RegenerationResult;
import dev.pinwarden.pin.PinService;
import dev.pinwarden.pin.PinTakenException;
import dev.pinwarden.pin.RegenerationRunningException;
import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.UserMother;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PINs stay unique and no update is lost when many threads write PINs at once. The PINs
 * are 4 digits among ~900 users, so random candidates collide often.
 */
abstract class ConcurrentPinTests extends ApiIntegrationTest {

	private static final int THREADS = 8;

	@Autowired
	JdbcTemplate jdbcTemplate;

	@Autowired
	UserPinService userPins;

	@Autowired
	PinService pins;

	@Autowired
	PinRegeneration regeneration;

	private ExecutorService executor;

	private List<Long> userIds;

	@BeforeEach
	void manyUsersWithFourDigitPins() {
		this.executor = Executors.newFixedThreadPool(THREADS);
		UserMother.insertUsers(this.jdbcTemplate, "staff", 900, 0);
		this.regeneration.regenerateAll(RegenerationResult.UsersWithoutEmail.LETTERS);
		this.userIds = this.jdbc.sql("select id from app_user order by id").query(Long.class).list();
	}

	@AfterEach
	void stop() {
		this.executor.shutdownNow();
	}

	@Test
	void concurrentGenerationsForDifferentUsersGiveUniqueWorkingPins() throws Exception {
		List<Callable<String>> tasks = new ArrayList<>();
		List<Long> targets = this.userIds.subList(0, 400);
		for (long userId : targets) {
			tasks.add(() -> this.userPins.generatePin(userId).pin());
		}
		List<String> generated = runTogether(tasks);

		assertThat(new HashSet<>(generated)).hasSize(400);
		for (int i = 0; i < targets.size(); i++) {
			assertThat(this.pins.findActiveHolder(generated.get(i))).contains(targets.get(i));
		}
		assertThat(this.jdbc.sql("select count(distinct digest) from pin").query(Long.class).single()).isEqualTo(900);
	}

	@Test
	void concurrentGenerationsForOneUserLeaveExactlyOneWorkingPin() throws Exception {
		long userId = this.userIds.get(0);
		List<Callable<String>> tasks = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			tasks.add(() -> this.userPins.generatePin(userId).pin());
		}
		List<String> generated = runTogether(tasks);

		long working = generated.stream().filter((pin) -> this.pins.findActiveHolder(pin).isPresent()).count();
		assertThat(working).isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from pin where user_id = :id")
			.param("id", userId)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void theSamePinChosenForTwoUsersAtOnceGoesToExactlyOne() throws Exception {
		List<Callable<String>> tasks = new ArrayList<>();
		for (long userId : this.userIds.subList(0, 16)) {
			tasks.add(() -> {
				try {
					this.userPins.setPin(userId, "73915824");
					return "set";
				}
				catch (PinTakenException ex) {
					return "taken";
				}
			});
		}
		List<String> outcomes = runTogether(tasks);
		assertThat(outcomes).containsOnlyOnce("set");
		assertThat(outcomes.stream().filter("taken"::equals)).hasSize(15);
		assertThat(this.pins.findActiveHolder("73915824")).isPresent();
	}

	@Test
	void generationsDuringARegenerationAndASecondRegenerationStayUnique() throws Exception {
		List<Callable<String>> tasks = new ArrayList<>();
		tasks.add(() -> regenerateOrReportRunning());
		tasks.add(() -> regenerateOrReportRunning());
		for (long userId : this.userIds.subList(0, 100)) {
			tasks.add(() -> this.userPins.generatePin(userId).pin());
		}
		List<String> outcomes = runTogether(tasks);

		assertThat(outcomes.subList(0, 2)).contains("regenerated").allMatch(Set.of("regenerated", "running")::contains);
		assertThat(this.jdbc.sql("select count(distinct digest) from pin").query(Long.class).single()).isEqualTo(900);
		assertThat(this.jdbc.sql("select count(*) from pin").query(Long.class).single()).isEqualTo(900);
	}

	private String regenerateOrReportRunning() {
		try {
			this.regeneration.regenerateAll(RegenerationResult.UsersWithoutEmail.LETTERS);
			return "regenerated";
		}
		catch (RegenerationRunningException ex) {
			return "running";
		}
	}

	/**
	 * Runs the tasks from all threads, released at the same moment; fails on any error.
	 */
	private <T> List<T> runTogether(List<Callable<T>> tasks) throws InterruptedException, ExecutionException {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<T>> futures = new ArrayList<>();
		for (Callable<T> task : tasks) {
			futures.add(this.executor.submit(() -> {
				start.await();
				return task.call();
			}));
		}
		start.countDown();
		List<T> results = new ArrayList<>();
		for (Future<T> future : futures) {
			results.add(future.get());
		}
		return results;
	}

}
