package dev.pinwarden.pin;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TrivialPinsTests {

	private final TrivialPins trivial = TrivialPins.withShippedBlocklist();

	@ParameterizedTest
	@ValueSource(strings = { "0000", "1111", "22222", "9999999999999999" })
	void oneDigitRepeatedIsTrivial(String pin) {
		assertThat(this.trivial.isTrivial(pin)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "0123", "1234", "6789", "23456", "3210", "4321", "98765", "0123456789" })
	void runsUpOrDownAreTrivial(String pin) {
		assertThat(this.trivial.isTrivial(pin)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "1212", "4545", "123123", "121212", "56785678", "901901901" })
	void aShortBlockRepeatedIsTrivial(String pin) {
		assertThat(this.trivial.isTrivial(pin)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "1004", "2000", "6969", "1122", "2580", "1984", "654321", "112233", "159753", "520520" })
	void commonPinsOfTheBlocklistAreTrivial(String pin) {
		assertThat(this.trivial.isTrivial(pin)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "4831", "7290", "0912", "5067", "90123", "8901", "372914", "1235", "1121" })
	void ordinaryPinsAreNot(String pin) {
		assertThat(this.trivial.isTrivial(pin)).isFalse();
	}

	@Test
	void generatorNeverHandsOutATrivialPinAndUsesEveryDigit() {
		PinGenerator generator = new PinGenerator();
		Set<Character> digitsSeen = new HashSet<>();
		for (int i = 0; i < 50_000; i++) {
			String pin = generator.next(4);
			assertThat(pin).hasSize(4).containsOnlyDigits();
			assertThat(this.trivial.isTrivial(pin)).as(pin).isFalse();
			for (char c : pin.toCharArray()) {
				digitsSeen.add(c);
			}
		}
		assertThat(digitsSeen).hasSize(10);
	}

	@Test
	void generatorSpreadsOverMostOfTheFourDigitSpace() {
		PinGenerator generator = new PinGenerator();
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 100_000; i++) {
			seen.add(generator.next(4));
		}
		// 10,000 minus the trivial ones; 100,000 draws leave almost none unseen
		assertThat(seen.size()).isBetween(9_700, 9_950);
	}

	@Test
	void generatorMakesPinsOfEveryLength() {
		PinGenerator generator = new PinGenerator();
		for (int length = PinPolicy.MIN_MINIMAL_LENGTH; length <= PinPolicy.MAX_LENGTH; length++) {
			assertThat(generator.next(length)).hasSize(length).containsOnlyDigits();
		}
	}

}
