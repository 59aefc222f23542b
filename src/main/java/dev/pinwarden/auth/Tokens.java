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
public class Tokens {

	private static final String BEARER = "Bearer ";

	private final SecureRandom random = new SecureRandom();

	public String newToken(String prefix) {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	// looking the algorithm up among the providers costs more than hashing a token; every
	// terminal request hashes one
	private final ThreadLocal<MessageDigest> sha256 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	});

	public byte[] hash(String token) {
		return this.sha256.get().digest(token.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The token of an {@code Authorization: Bearer <token>} header, or {@code null}; the
	 * scheme is case-insensitive (RFC 9110).
	 */
	public static String bearer(String authorization) {
		return (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length()))
				? authorization.substring(BEARER.length()).strip() : null;
	}

}
