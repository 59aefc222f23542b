package dev.pinwarden.terminal;

import java.time.Instant;
import java.util.List;

import dev.pinwarden.settings.LoginMode;

/**
 * A printer terminal allowed to turn PINs and cards into users; revoked ones are kept for
 * the record. {@code loginMode} is {@code null} where the terminal takes the default.
 */
public record Terminal(long id, String name, Instant createdAt, Instant revokedAt, LoginMode loginMode,
		List<Object> cardConversion) {

	public boolean active() {
		return this.revokedAt == null;
	}

}
