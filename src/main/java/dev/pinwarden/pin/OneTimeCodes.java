package dev.pinwarden.pin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * One-time codes (a PIN reset code, a card registration code): 8 random characters from
 * an alphabet without look-alikes (about 40 bits), shown in two groups of four, stored
 * only as an HMAC under a key derived from the PIN key for the code's purpose.
 */
@Component
public class OneTimeCodes {

	/** No 0/O, 1/I/L: nothing to misread from a mail. */
	private static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

	private static final int LENGTH = 8;

	private final PinKeyRing keys;

	private final SecureRandom random = new SecureRandom();

	OneTimeCodes(PinKeyRing keys) {
		this.keys = keys;
	}

	public String newCode() {
		StringBuilder code = new StringBuilder(LENGTH);
		for (int i = 0; i < LENGTH; i++) {
			code.append(ALPHABET.charAt(this.random.nextInt(ALPHABET.length())));
		}
		return code.toString();
	}

	public String currentKeyId() {
		return this.keys.currentKeyId();
	}

	/** The code's HMAC under the key {@code keyId} derives for {@code purpose}. */
	public byte[] hash(String purpose, String keyId, String code) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.keys.derivedKey(keyId, purpose), "HmacSHA256"));
			return mac.doFinal(code.getBytes(StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** As shown: two groups of four, easier to type. */
	public static String display(String code) {
		return code.substring(0, 4) + "-" + code.substring(4);
	}

	/**
	 * What the user typed, as the code was made: case, spaces and dashes do not matter.
	 */
	public static String normalize(String typed) {
		return (typed == null) ? "" : typed.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
	}

	public static boolean isWellFormed(String normalized) {
		return normalized.length() == LENGTH;
	}

}
