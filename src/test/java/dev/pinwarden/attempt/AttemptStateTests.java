package dev.pinwarden.attempt;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of one key's count, with time as a parameter. */
class AttemptStateTests {

	private static final Instant T = Instant.parse("2026-12-01T08:00:00Z");

	private static final Limit LIMIT = new Limit("account:x", "user 1", 3, Duration.ofMinutes(15),
			Duration.ofMinutes(15));

	@Test
	void reservationsTakeTheBudgetWhileTheyAreChecked() {
		AttemptState state = AttemptState.fresh(T).reserved(T).reserved(T).reserved(T);
		assertThat(state.admits(LIMIT, T)).isFalse();
		AttemptState oneRight = state.settled(LIMIT, false, T);
		assertThat(oneRight.admits(LIMIT, T)).isTrue();
		assertThat(oneRight.failures()).isZero();
	}

	@Test
	void theWrongAttemptThatSpendsTheBudgetLocksAndNothingLaterShortensTheLock() {
		AttemptState state = AttemptState.fresh(T);
		for (int i = 0; i < 3; i++) {
			state = state.reserved(T).settled(LIMIT, true, T);
		}
		assertThat(state.lockedFor(T)).contains(Duration.ofMinutes(15));
		assertThat(state.admits(LIMIT, T.plusSeconds(899))).isFalse();

		// attempts that were being checked when the lock came settle without shortening
		// it
		AttemptState late = state.reserved(T)
			.settled(LIMIT, false, T.plusSeconds(10))
			.reserved(T)
			.settled(LIMIT, true, T.plusSeconds(10));
		assertThat(late.blockedUntil()).isEqualTo(state.blockedUntil());
		assertThat(state.at(LIMIT, T.plusSeconds(900)).admits(LIMIT, T.plusSeconds(900))).isTrue();
	}

	@Test
	void attemptsBeingCheckedWhenTheWindowEndsCountInTheNextOne() {
		Instant end = T.plus(Duration.ofMinutes(15));
		AttemptState state = AttemptState.fresh(T).reserved(end.minusMillis(1)).reserved(end.minusMillis(1));
		// the window is over, the two are still being checked: only one more may be
		AttemptState next = state.at(LIMIT, end);
		assertThat(next.failures()).isZero();
		assertThat(next.pending()).isEqualTo(2);
		next = next.reserved(end);
		assertThat(next.admits(LIMIT, end)).isFalse();
		for (int i = 0; i < 3; i++) {
			next = next.at(LIMIT, end.plusSeconds(1)).settled(LIMIT, true, end.plusSeconds(1));
		}
		assertThat(next.lockedFor(end.plusSeconds(1))).isPresent();
	}

	@Test
	void attemptsLeftPendingByANodeThatStoppedAreForgottenAfterAMinute() {
		AttemptState state = AttemptState.fresh(T).reserved(T).reserved(T).reserved(T);
		assertThat(state.at(LIMIT, T.plusSeconds(59)).admits(LIMIT, T.plusSeconds(59))).isFalse();
		assertThat(state.at(LIMIT, T.plusSeconds(60)).admits(LIMIT, T.plusSeconds(60))).isTrue();
	}

	@Test
	void locksInARowDoubleUpToADayAndADayWithoutOneForgivesThem() {
		AttemptState state = AttemptState.fresh(T);
		Instant now = T;
		Duration[] expected = { Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofMinutes(60) };
		for (Duration length : expected) {
			state = lockAt(state, now);
			assertThat(state.lockedFor(now)).contains(length);
			now = state.blockedUntil();
		}
		for (int i = 0; i < 10; i++) {
			state = lockAt(state, now);
			now = state.blockedUntil();
		}
		assertThat(Duration.between(now.minus(Limit.LONGEST_LOCK), now)).isEqualTo(Limit.LONGEST_LOCK);
		assertThat(LIMIT.lockNumber(40)).isEqualTo(Limit.LONGEST_LOCK);

		Instant aDayLater = now.plus(Duration.ofDays(1)).plusSeconds(1);
		assertThat(lockAt(state, aDayLater).lockedFor(aDayLater)).contains(Duration.ofMinutes(15));
	}

	@Test
	void aWindowThatIsOverForgetsItsFailures() {
		AttemptState state = AttemptState.fresh(T).reserved(T).settled(LIMIT, true, T);
		state = state.reserved(T).settled(LIMIT, true, T);
		AttemptState later = state.at(LIMIT, T.plus(Duration.ofMinutes(15)));
		assertThat(later.failures()).isZero();
		assertThat(later.windowStart()).isEqualTo(T.plus(Duration.ofMinutes(15)));
		assertThat(state.at(LIMIT, T.plus(Duration.ofMinutes(14))).failures()).isEqualTo(2);
	}

	@Test
	void aDailyBudgetStopsWhoeverStaysOneShortInEveryWindow() {
		Limit daily = new Limit("account:y", "user 2", 5, Duration.ofMinutes(15), Duration.ofMinutes(15), 20);
		Instant now = T;
		AttemptState state = AttemptState.fresh(now);
		for (int window = 0; window < 5; window++) {
			state = state.at(daily, now);
			for (int i = 0; i < 4; i++) {
				assertThat(state.admits(daily, now)).isTrue();
				state = state.failed(daily, now);
			}
			now = now.plus(Duration.ofMinutes(15));
		}
		// 20 in five windows, never five in one: locked until the day is over
		assertThat(state.lockedFor(now)).isPresent();
		assertThat(state.blockedUntil()).isEqualTo(T.plus(Duration.ofDays(1)));
		assertThat(state.at(daily, T.plus(Duration.ofDays(1))).admits(daily, T.plus(Duration.ofDays(1)))).isTrue();
	}

	@Test
	void theMostWrongAttemptsADayFollowFromTheRules() {
		Limit terminal = new Limit("terminal:1", "terminal 1", 5, Duration.ofMinutes(15), Duration.ofMinutes(15));
		// four in each of the day's 96 windows beat five and ever longer locks (35)
		assertThat(terminal.mostWrongAttemptsPerDay()).isEqualTo(4 * 96);
		Limit account = new Limit("account:z", "user 3", 5, Duration.ofMinutes(15), Duration.ofMinutes(15), 20);
		assertThat(account.mostWrongAttemptsPerDay()).isEqualTo(20);
		Limit strict = new Limit("terminal:2", "terminal 2", 1, Duration.ofMinutes(60), Duration.ofMinutes(60));
		// one, then locks of 1, 2, 4, 8 hours: five before the day is over
		assertThat(strict.mostWrongAttemptsPerDay()).isEqualTo(5);
	}

	private static AttemptState lockAt(AttemptState state, Instant now) {
		AttemptState current = state.at(LIMIT, now);
		for (int i = 0; i < LIMIT.budget(); i++) {
			current = current.failed(LIMIT, now);
		}
		return current;
	}

}
