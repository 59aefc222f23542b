package dev.pinwarden.pin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys PINs are hashed with. A PIN is stored only as HMAC-SHA256(key, pin), a blind
 * index: equal PINs give equal digests, so lookup is one index probe, yet a stolen
 * database without the key gives nothing away (a plain or salted hash of a 4 to 7 digit
 * number is brute-forced in milliseconds). New digests use the current key; lookups try
 * every key on the ring so that a rotated-out key keeps its PINs working until they are
 * regenerated.
 */
public final class PinKeyRing {

	/** Shortest key accepted: the HMAC-SHA256 block of security. */
	public static final int MIN_KEY_BYTES = 32;

	private final List<Key> keys;

	private PinKeyRing(List<Key> keys) {
		this.keys = List.copyOf(keys);
	}

	/** A ring whose first key is the current one. */
	public static PinKeyRing of(byte[] currentKey, byte[]... previousKeys) {
		List<Key> keys = new java.util.ArrayList<>();
		keys.add(new Key(currentKey));
		for (byte[] key : previousKeys) {
			keys.add(new Key(key));
		}
		return new PinKeyRing(keys);
	}

	/**
	 * A short public fingerprint of a key, stored beside each digest to tell keys apart.
	 */
	public static String keyId(byte[] key) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(key);
			return HexFormat.of().formatHex(hash, 0, 4);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String currentKeyId() {
		return this.keys.get(0).id;
	}

	/** The ids of the keys on the ring, the current one first. */
	public List<String> keyIds() {
		return this.keys.stream().map((key) -> key.id).toList();
	}

	public boolean hasKey(String keyId) {
		return this.keys.stream().anyMatch((key) -> key.id.equals(keyId));
	}

	/**
	 * A 256-bit key for another purpose (mail encryption, say), derived from the key with
	 * the given id, so that one secret kept outside the database protects everything. The
	 * purpose label contains letters, never only digits, so a derived key is never a
	 * PIN's digest.
	 */
	public byte[] derivedKey(String keyId, String purpose) {
		Key key = this.keys.stream()
			.filter((candidate) -> candidate.id.equals(keyId))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown key id " + keyId));
		return key.digest("pinwarden/" + purpose);
	}

	/** The digest of a PIN under the current key: what is stored for a new PIN. */
	public byte[] digest(String pin) {
		return this.keys.get(0).digest(pin);
	}

	/**
	 * The digests of a PIN under every key: what a lookup or a uniqueness check searches.
	 */
	public List<byte[]> digestsUnderEveryKey(String pin) {
		return this.keys.stream().map((key) -> key.digest(pin)).toList();
	}

	/**
	 * What a typed PIN is stored as, under every key, for a lookup; none for a string
	 * that cannot be a PIN.
	 */
	public List<byte[]> digestsToLookUp(String pin) {
		return PinPolicy.isWellFormed(pin) ? digestsUnderEveryKey(pin) : List.of();
	}

	private static final class Key {

		private final String id;

		private final Mac prototype;

		Key(byte[] key) {
			if (key.length < MIN_KEY_BYTES) {
				throw new IllegalArgumentException("A PIN key needs at least " + MIN_KEY_BYTES + " bytes");
			}
			this.id = keyId(key);
			try {
				this.prototype = Mac.getInstance("HmacSHA256");
				this.prototype.init(new SecretKeySpec(key, "HmacSHA256"));
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("HmacSHA256 is not available", ex);
			}
		}

		byte[] digest(String pin) {
			try {
				// A Mac is not thread-safe; a clone of an initialised one is cheaper than
				// init.
				Mac mac = (Mac) this.prototype.clone();
				return mac.doFinal(pin.getBytes(StandardCharsets.UTF_8));
			}
			catch (CloneNotSupportedException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
