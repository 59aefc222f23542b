package dev.pinwarden.pin;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Encrypts secrets that must be stored for a while (mail content in the outbox, a
 * directory's bind password): AES-256-GCM under a key derived from the PIN key for each
 * purpose, so that the one secret kept outside the database protects everything. Each
 * message gets a fresh 96-bit nonce and is stored as {@code nonce || ciphertext+tag} with
 * the id of its key.
 * <p>
 * A ciphertext is bound to what it is for (associated data: the table, the purpose, and
 * what the row is about, such as a mail's recipient): sealed content copied into another
 * row does not open there. Content sealed before that binding existed opens with
 * {@link #openUnbound} until it is sealed again.
 */
@Component
public class SecretBox {

	private static final int NONCE_BYTES = 12;

	private final PinKeyRing keys;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, SecretKeySpec> derived = new ConcurrentHashMap<>();

	// looking a Cipher up by name costs more than the encryption of a mail; one per
	// thread, initialised afresh (new nonce) for every message
	private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(SecretBox::newCipher);

	SecretBox(PinKeyRing keys) {
		this.keys = keys;
	}

	/** The key new secrets are sealed under. */
	public String currentKeyId() {
		return this.keys.currentKeyId();
	}

	/** Seals {@code plain}, bound to {@code boundTo} (see {@link #boundTo}). */
	public Sealed seal(String purpose, byte[] boundTo, byte[] plain) {
		String keyId = this.keys.currentKeyId();
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		try {
			Cipher cipher = this.ciphers.get();
			cipher.init(Cipher.ENCRYPT_MODE, key(keyId, purpose), new GCMParameterSpec(128, nonce));
			cipher.updateAAD(boundTo);
			byte[] sealed = cipher.doFinal(plain);
			return new Sealed(keyId, ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	}

	/** Opens what {@link #seal} sealed for the same purpose and binding. */
	public byte[] open(String purpose, byte[] boundTo, Sealed sealed) {
		return decrypt(purpose, boundTo, sealed);
	}

	/** Opens content sealed before ciphertexts were bound to their rows. */
	public byte[] openUnbound(String purpose, Sealed sealed) {
		return decrypt(purpose, null, sealed);
	}

	/**
	 * Associated data naming what a ciphertext is for: the parts, each preceded by its
	 * length, so that no two lists of parts give the same bytes.
	 */
	public static byte[] boundTo(String... parts) {
		ByteBuffer buffer = ByteBuffer.allocate(java.util.Arrays.stream(parts)
			.mapToInt((part) -> 4 + String.valueOf(part).getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
			.sum());
		for (String part : parts) {
			byte[] bytes = String.valueOf(part).getBytes(java.nio.charset.StandardCharsets.UTF_8);
			buffer.putInt(bytes.length).put(bytes);
		}
		return buffer.array();
	}

	private byte[] decrypt(String purpose, byte[] boundTo, Sealed sealed) {
		byte[] content = sealed.content();
		try {
			Cipher cipher = this.ciphers.get();
			cipher.init(Cipher.DECRYPT_MODE, key(sealed.keyId(), purpose),
					new GCMParameterSpec(128, content, 0, NONCE_BYTES));
			if (boundTo != null) {
				cipher.updateAAD(boundTo);
			}
			return cipher.doFinal(content, NONCE_BYTES, content.length - NONCE_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(
					"A stored secret cannot be decrypted with key " + sealed.keyId() + " for what it is stored for",
					ex);
		}
	}

	private static Cipher newCipher() {
		try {
			return Cipher.getInstance("AES/GCM/NoPadding");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	}

	private SecretKeySpec key(String keyId, String purpose) {
		return this.derived.computeIfAbsent(keyId + "/" + purpose,
				(id) -> new SecretKeySpec(this.keys.derivedKey(keyId, purpose), "AES"));
	}

	/** Encrypted content and the id of the key it is encrypted under. */
	public record Sealed(String keyId, byte[] content) {

		@Override
		public String toString() {
			return "Sealed[keyId=" + this.keyId + "]";
		}

	}

}
