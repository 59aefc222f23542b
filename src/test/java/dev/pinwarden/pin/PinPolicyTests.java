package dev.pinwarden.pin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PinPolicyTests {

	@ParameterizedTest(name = "{0} users need {1} digits")
	@CsvSource({ "0, 4", "1, 4", "999, 4", "1000, 5", "9999, 5", "10000, 6", "99999, 6", "100000, 7", "999999, 7",
			"1000000, 8", "99999999999999, 15", "100000000000000, 16", "999999999999999, 16", "1000000000000000, 16",
			"9223372036854775807, 16" })
	void lengthRequiredByUserCountAtItsBoundaries(long userCount, int expectedLength) {
		assertThat(PinPolicy.requiredLengthForUserCount(userCount)).isEqualTo(expectedLength);
	}

	@Test
	void generatedLengthIsTheLargerOfMinimalAndRequired() {
		assertThat(PinPolicy.generatedLength(4, 999)).isEqualTo(4);
		assertThat(PinPolicy.generatedLength(4, 1000)).isEqualTo(5);
		assertThat(PinPolicy.generatedLength(8, 1000)).isEqualTo(8);
		assertThat(PinPolicy.generatedLength(5, 100_000)).isEqualTo(7);
	}

	@Test
	void minimalLengthSettingRangeIsFourToSixteen() {
		assertThat(PinPolicy.isAllowedMinimalLength(3)).isFalse();
		assertThat(PinPolicy.isAllowedMinimalLength(4)).isTrue();
		assertThat(PinPolicy.isAllowedMinimalLength(16)).isTrue();
		assertThat(PinPolicy.isAllowedMinimalLength(17)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "0000", "0012", "1234", "9876543210123456" })
	void acceptsDigitPinsFromMinimalToSixteenDigitsWithLeadingZeros(String pin) {
		assertThatCode(() -> PinPolicy.checkChosenPin(pin, 4)).doesNotThrowAnyException();
	}

	@ParameterizedTest(name = "\"{0}\" is refused with {1}")
	@CsvSource({ "12a4, pin_not_digits", "'12 34', pin_not_digits", "-1234, pin_not_digits", "+1234, pin_not_digits",
			"１２３４, pin_not_digits", "١٢٣٤, pin_not_digits", "123, pin_too_short", "12345678901234567, pin_too_long",
			"'', pin_missing" })
	void refusesWhatIsNotAnAllowedPin(String pin, String code) {
		assertThatThrownBy(() -> PinPolicy.checkChosenPin(pin, 4)).isInstanceOf(PinRuleViolationException.class)
			.extracting("code")
			.isEqualTo(code);
	}

	@Test
	void minimalLengthAppliesToChosenPins() {
		assertThatThrownBy(() -> PinPolicy.checkChosenPin("12345", 6)).extracting("code").isEqualTo("pin_too_short");
		assertThatCode(() -> PinPolicy.checkChosenPin("123456", 6)).doesNotThrowAnyException();
	}

}
