package dev.pinwarden.job;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * A job as the API answers it.
 *
 * @param state {@code queued}, {@code running}, {@code succeeded}, {@code failed} or
 * {@code cancelled}
 * @param phase what it is doing ("reading", "generating PINs"...), {@code null} before it
 * began
 * @param total the items of the phase, {@code null} when not known
 * @param result the answer the synchronous request gives, once it succeeded
 * @param error why it failed, {@code null} otherwise
 */
public record Job(long id, String kind, String state, String phase, long done, Long total, Instant createdAt,
		Instant startedAt, Instant finishedAt, JsonNode result, Error error) {

	/** A failure's stable code and a message fit to show. */
	public record Error(String code, String message) {
	}

	public boolean finished() {
		return this.finishedAt != null;
	}

}
