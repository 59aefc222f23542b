package dev.pinwarden.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * A job as the API answers it.
 *
 * @param state {@code queued}, {@code running}, {@code succeeded}, {@code failed} or
 * {@code cancelled}
 * @param phase what it is doing ("reading", "generating PINs"...), {@code null} before it
 * began
 * @param total the items of the phase, {@code null} when not known
 * @param phaseStartedAt when the phase began: with {@code done} and {@code total}, what
 * an estimate of the time left starts from
 * @param cancelRequested whether a cancel was asked for: a running job stops at its next
 * check
 * @param result the answer the synchronous request gives, once it succeeded
 * @param error why it failed, {@code null} otherwise
 */
public record Job(long id, String kind, String state, String phase, long done, Long total, Instant phaseStartedAt,
		boolean cancelRequested, Instant createdAt, Instant startedAt, Instant finishedAt, JsonNode result,
		Error error) {

	/** A failure's stable code and a message fit to show. */
	public record Error(String code, String message) {
	}

	public boolean finished() {
		return this.finishedAt != null;
	}

	/**
	 * How long the phase will still take at the pace it has had, when its total is known
	 * and it has done something.
	 */
	public Optional<Duration> timeLeft(Instant now) {
		if (finished() || this.total == null || this.done <= 0 || this.phaseStartedAt == null
				|| this.done >= this.total) {
			return Optional.empty();
		}
		long elapsed = Duration.between(this.phaseStartedAt, now).toMillis();
		return Optional.of(Duration.ofMillis(elapsed * (this.total - this.done) / this.done));
	}

}
