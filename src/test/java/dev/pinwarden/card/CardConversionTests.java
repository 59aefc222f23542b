package dev.pinwarden.card;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One card as different readers send it, and what each terminal's steps make of it. */
class CardConversionTests {

	// a MIFARE 4-byte UID, 04:A2:2B:7C on the card
	private static final String UID_BIG_ENDIAN = "04A22B7C";

	@Test
	void numbersAreNormalisedAndShownByTheirLastFourCharacters() {
		assertThat(CardNumber.of("04:a2:2b:7c")).isEqualTo(CardNumber.of(UID_BIG_ENDIAN));
		assertThat(CardNumber.of(" 04-A2 2B-7C ").value()).isEqualTo(UID_BIG_ENDIAN);
		assertThat(CardNumber.of(UID_BIG_ENDIAN).hint()).isEqualTo("2B7C");
		assertThat(CardNumber.of("42").hint()).isEqualTo("42");
		assertThat(CardNumber.of(UID_BIG_ENDIAN).toString()).doesNotContain("04A2");
		assertThatThrownBy(() -> CardNumber.of("")).isInstanceOf(CardInvalidException.class);
		assertThatThrownBy(() -> CardNumber.of("04A2_2B7C")).isInstanceOf(CardInvalidException.class);
		assertThatThrownBy(() -> CardNumber.of("Ä123")).isInstanceOf(CardInvalidException.class);
		assertThatThrownBy(() -> CardNumber.of("1".repeat(65))).isInstanceOf(CardInvalidException.class);
		assertThat(CardNumber.of("1".repeat(64)).value()).hasSize(64);
	}

	@Test
	void aUidReadLittleEndianIsTurnedBackByReversingItsBytes() {
		CardConversion reverse = CardConversion.of(List.of("reverse-bytes"));
		assertThat(reverse.apply(CardNumber.of("7C2BA204")).value()).isEqualTo(UID_BIG_ENDIAN);
		// a reader that drops the leading zero of the last byte read first
		assertThat(reverse.apply(CardNumber.of("C2BA204")).value()).isEqualTo("04A22B0C");
	}

	@Test
	void aReaderSendingDecimalMeetsCardsRegisteredInHex() {
		// 0x04A22B7C = 77736828
		assertThat(CardConversion.of(List.of("decimal-to-hex")).apply(CardNumber.of("77736828")).value())
			.isEqualTo(UID_BIG_ENDIAN);
		assertThat(CardConversion.of(List.of("hex-to-decimal")).apply(CardNumber.of(UID_BIG_ENDIAN)).value())
			.isEqualTo("77736828");
		// little-endian and decimal: 0x7C2BA204 read as a number
		assertThat(CardConversion.of(List.of("decimal-to-hex", "reverse-bytes"))
			.apply(CardNumber.of(String.valueOf(0x7C2BA204L)))
			.value()).isEqualTo(UID_BIG_ENDIAN);
	}

	@Test
	void aWiegand26NumberIsCutToItsCardNumber() {
		// facility code 123, card number 4567: the 24 bits between the parity bits are
		// 0x7B11D7, which a reader sends as 8065495; the badge shows 4567
		long wiegand = (123L << 16) | 4567;
		assertThat(wiegand).isEqualTo(8_065_495L);
		CardConversion cardNumberOnly = CardConversion
			.of(List.of("decimal-to-hex", Map.of("regex", "^[0-9A-F]{2}([0-9A-F]{4})$"), "hex-to-decimal"));
		assertThat(cardNumberOnly.apply(CardNumber.of(String.valueOf(wiegand))).value()).isEqualTo("4567");
		// a reader that sends facility and card as "123:04567"
		CardConversion printed = CardConversion.of(List.of(Map.of("regex", "^\\d{3}(\\d{5})$"), "strip-leading-zeros"));
		assertThat(printed.apply(CardNumber.of("123:04567")).value()).isEqualTo("4567");
	}

	@Test
	void leadingZerosAreDroppedButNotTheWholeNumber() {
		CardConversion strip = CardConversion.of(List.of("strip-leading-zeros"));
		assertThat(strip.apply(CardNumber.of("000123")).value()).isEqualTo("123");
		assertThat(strip.apply(CardNumber.of("0000")).value()).isEqualTo("0");
	}

	@Test
	void aNumberAStepCannotTakeIsRefusedNamingTheStep() {
		assertThatThrownBy(
				() -> CardConversion.of(List.of("strip-leading-zeros", "decimal-to-hex")).apply(CardNumber.of("12AB")))
			.isInstanceOf(CardInvalidException.class)
			.hasMessageContaining("step 2")
			.hasMessageContaining("decimal")
			.hasMessageNotContaining("12AB");
		assertThatThrownBy(() -> CardConversion.of(List.of(Map.of("regex", "^9(\\d+)"))).apply(CardNumber.of("123")))
			.isInstanceOf(CardInvalidException.class)
			.hasMessageContaining("does not match");
	}

	@Test
	void aPatternThatBacktracksWithoutEndIsStoppedWithTheNumberRefused() {
		// takes about n^12 steps on n ones: minutes on 40 of them
		CardConversion backtracking = CardConversion.of(List.of(Map.of("regex", "(.*1){12}A")));
		assertThat(backtracking.apply(CardNumber.of("1".repeat(12) + "A")).value()).isEqualTo("1");
		String ones = "1".repeat(40);
		assertTimeoutPreemptively(Duration.ofSeconds(10),
				() -> assertThatThrownBy(() -> backtracking.apply(CardNumber.of(ones)))
					.isInstanceOf(CardInvalidException.class)
					.hasMessageContaining("takes too long")
					.hasMessageNotContaining(ones));
	}

	@Test
	void stepsThatAreNotStepsAreRefusedNamingTheStep() {
		assertThatThrownBy(() -> CardConversion.of(List.of("reverse-bytes", "hex-to-octal")))
			.isInstanceOf(CardConversionInvalidException.class)
			.hasMessageContaining("step 2")
			.hasMessageContaining("hex-to-octal");
		assertThatThrownBy(() -> CardConversion.of(List.of(Map.of("regex", "[0-9]+"))))
			.hasMessageContaining("needs a group");
		assertThatThrownBy(() -> CardConversion.of(List.of(Map.of("regex", "(["))))
			.hasMessageContaining("not a pattern");
		assertThatThrownBy(() -> CardConversion.of(List.of(Map.of("pattern", "(x)")))).hasMessageContaining("step 1");
		assertThatThrownBy(() -> CardConversion.of(List.of(42))).hasMessageContaining("step 1");
		assertThat(CardConversion.of(List.of("reverse-bytes", Map.of("regex", "(\\d+)"))).spec())
			.containsExactly("reverse-bytes", Map.of("regex", "(\\d+)"));
		assertThat(CardConversion.of(null).apply(CardNumber.of("12")).value()).isEqualTo("12");
	}

	@Test
	void aPageWritesTheStepsOneALineAndReadsThemBack() {
		CardConversion conversion = CardConversion
			.ofLines("reverse-bytes\r\n\n  regex: ^00(\\w+)$  \nhex-to-decimal\n");
		assertThat(conversion.spec()).containsExactly("reverse-bytes", Map.of("regex", "^00(\\w+)$"), "hex-to-decimal");
		assertThat(CardConversion.ofLines(conversion.lines()).spec()).isEqualTo(conversion.spec());
		assertThat(CardConversion.ofLines("").spec()).isEmpty();
		assertThatThrownBy(() -> CardConversion.ofLines("reverse-bytes\nrot13"))
			.isInstanceOf(CardConversionInvalidException.class)
			.hasMessageContaining("step 2")
			.hasMessageContaining("rot13");
	}

}
