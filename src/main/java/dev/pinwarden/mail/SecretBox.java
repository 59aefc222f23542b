package dev.pinwarden.mail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import dev.pinwarden.pin.PinKeyRing;

/**
 * Encrypts a mail's content for the time it waits in the outbox: AES-256-GCM under a key
 * derived from the PIN key (one secret outside the database protects both), a fresh
 * 96-bit nonce per message, stored as {@code nonce || ciphertext+tag}.
 */
@Component
class SecretBox {

	private static final String PURPOSE = "mail-encryption/v1";

	private static final int NONCE_BYTES = 12;

	private final PinKeyRing keys;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, SecretKeySpec> derived = new ConcurrentHashMap<>();

	SecretBox(PinKeyRing keys) {
		this.keys = keys;
	}

	Sealed seal(RenderedMail mail) {
		String keyId = this.keys.currentKeyId();
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		// the subject never holds a line break, so the first one separates it from the
		// body
		byte[] plain = (mail.subject() + "\n" + mail.body()).getBytes(StandardCharsets.UTF_8);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key(keyId), new GCMParameterSpec(128, nonce));
			byte[] sealed = cipher.doFinal(plain);
			return new Sealed(keyId, ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	}

	RenderedMail open(String keyId, byte[] content) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key(keyId), new GCMParameterSpec(128, content, 0, NONCE_BYTES));
			String plain = new String(cipher.doFinal(content, NONCE_BYTES, content.length - NONCE_BYTES),
					StandardCharsets.UTF_8);
			int split = plain.indexOf('\n');
			return new RenderedMail(plain.substring(0, split), plain.substring(split + 1));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("A queued mail cannot be decrypted with key " + keyId, ex);
		}
	}

	private SecretKeySpec key(String keyId) {
		return this.derived.computeIfAbsent(keyId, (id) -> new SecretKeySpec(this.keys.derivedKey(id, PURPOSE), "AES"));
	}

	/** Encrypted content and the id of the key it is encrypted under. */
	record Sealed(String keyId, byte[] content) {
	}

}
