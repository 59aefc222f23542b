package dev.pinwarden.pin;

import java.util.Map;

/**
 * Secrets a module keeps under the PIN keys (digests, hashes, sealed content): how many
 * each key still protects, and, where they can be opened, sealing them again under the
 * current key. Each module that keeps some publishes one, so that a key is known to be
 * retirable only when none of them needs it.
 */
public interface KeyedSecrets {

	/** What they are, as the keys API names them: {@code pins}, {@code queuedMails}... */
	String name();

	/** How many of them each key protects. */
	Map<String, Long> countsByKey();

	/**
	 * Seals again, under the current key, those that can be opened and are under another
	 * (or under the current one without their binding); the number sealed. Digests and
	 * hashes cannot be, since their secret is not kept: {@code 0}.
	 */
	default int resealUnderCurrentKey() {
		return 0;
	}

}
