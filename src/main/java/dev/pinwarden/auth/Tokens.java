package dev.pinwarden.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.stereotype.Component;

/**
 * Random bearer tokens and their hashes. A token has 256 random bits, so a fast hash is
 * enough to store it: nobody can brute-force it, and a lookup is one index probe.
 */
@Component
class Tokens {

	private final SecureRandom random = new SecureRandom();

	String newToken(String prefix) {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
