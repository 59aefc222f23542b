package dev.pinwarden.pin;

import java.util.Set;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Properties of the PIN rules, over many generated inputs (jqwik). */
class PinPolicyPropertyTests {

	private static final Set<String> CODES = Set.of("pin_missing", "pin_not_digits", "pin_too_long", "pin_too_short");

	private final TrivialPins trivial = TrivialPins.withShippedBlocklist();

	@Property
	void theRequiredLengthKeepsARandomGuessBelowOneInTen(
			@ForAll @LongRange(min = 0, max = 999_999_999_999_999L) long users) {
		int length = PinPolicy.requiredLengthForUserCount(users);
		assertThat(length).isBetween(PinPolicy.MIN_MINIMAL_LENGTH, PinPolicy.MAX_LENGTH);
		assertThat(users / Math.pow(10, length)).isLessThan(0.1);
	}

	@Property
	void moreUsersNeverNeedShorterPins(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long users,
			@ForAll @LongRange(min = 0, max = 1_000_000) long more) {
		assertThat(PinPolicy.requiredLengthForUserCount(users + more))
			.isGreaterThanOrEqualTo(PinPolicy.requiredLengthForUserCount(users));
	}

	@Property
	void aChosenPinIsAcceptedExactlyWhenItIsDigitsOfAnAllowedLength(@ForAll @StringLength(max = 20) String pin,
			@ForAll @IntRange(min = 4, max = 16) int minimal) {
		Throwable refused = catchThrowable(() -> PinPolicy.checkChosenPin(pin, minimal));
		boolean valid = pin.chars().allMatch((c) -> c >= '0' && c <= '9') && pin.length() >= minimal
				&& pin.length() <= PinPolicy.MAX_LENGTH;
		if (valid) {
			assertThat(refused).isNull();
		}
		else {
			assertThat(refused).isInstanceOf(PinRuleViolationException.class);
			assertThat(CODES).contains(((PinRuleViolationException) refused).code());
		}
	}

	@Property(tries = 300)
	void generatedPinsHaveTheLengthAskedAndAreNeverTrivial(@ForAll @IntRange(min = 4, max = 16) int length) {
		String pin = new PinGenerator().next(length);
		assertThat(pin).hasSize(length).containsOnlyDigits();
		assertThat(this.trivial.isTrivial(pin)).isFalse();
	}

	@Property
	void oneDigitRepeatedAndRunsAreAlwaysTrivial(@ForAll @IntRange(min = 0, max = 9) int digit,
			@ForAll @IntRange(min = 4, max = 10) int length) {
		assertThat(this.trivial.isTrivial(String.valueOf(digit).repeat(length))).isTrue();
		if (digit + length <= 10) {
			StringBuilder up = new StringBuilder();
			for (int i = 0; i < length; i++) {
				up.append(digit + i);
			}
			assertThat(this.trivial.isTrivial(up.toString())).isTrue();
			assertThat(this.trivial.isTrivial(up.reverse().toString())).isTrue();
		}
	}

}
