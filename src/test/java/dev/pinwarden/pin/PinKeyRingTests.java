package dev.pinwarden.pin;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PinKeyRingTests {

	private static byte[] key(int fill) {
		byte[] key = new byte[32];
		Arrays.fill(key, (byte) fill);
		return key;
	}

	@Test
	void sameKeyAndPinGiveTheSameDigestOtherKeysDoNot() {
		PinKeyRing ring = PinKeyRing.of(key(1));
		assertThat(ring.digest("0042")).isEqualTo(PinKeyRing.of(key(1)).digest("0042")).hasSize(32);
		assertThat(ring.digest("0042")).isNotEqualTo(PinKeyRing.of(key(2)).digest("0042"));
		assertThat(ring.digest("0042")).isNotEqualTo(ring.digest("042"));
	}

	@Test
	void lookupsSeeDigestsUnderEveryKeyWithTheCurrentFirst() {
		PinKeyRing ring = PinKeyRing.of(key(1), key(2));
		assertThat(ring.currentKeyId()).isEqualTo(PinKeyRing.keyId(key(1)));
		assertThat(ring.hasKey(PinKeyRing.keyId(key(2)))).isTrue();
		assertThat(ring.digestsUnderEveryKey("1234")).hasSize(2)
			.first()
			.isEqualTo(PinKeyRing.of(key(1)).digest("1234"));
	}

	@Test
	void aTypedStringThatCannotBeAPinHasNoDigestToLookUp() {
		PinKeyRing ring = PinKeyRing.of(key(1), key(2));
		assertThat(ring.digestsToLookUp("1234")).hasSize(2);
		assertThat(ring.digestsToLookUp("12a4")).isEmpty();
		assertThat(ring.digestsToLookUp("")).isEmpty();
		assertThat(ring.digestsToLookUp(null)).isEmpty();
	}

	@Test
	void refusesShortKeys() {
		assertThatThrownBy(() -> PinKeyRing.of(new byte[16])).isInstanceOf(IllegalArgumentException.class);
	}

}
