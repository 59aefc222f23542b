package dev.pinwarden.pin;

import java.util.List;

/**
 * New PINs were generated, in the transaction that is still running. Listeners run in
 * that transaction (plain synchronous events, never persisted: the event carries the PINs
 * in clear, on their way into the encrypted outbox), so the PINs and the mails announcing
 * them commit together or not at all. A mass regeneration publishes one event per batch.
 */
public record PinsGenerated(List<GeneratedPin> pins, Reason reason) {

	/** Why the PINs were generated. */
	public enum Reason {

		/** A user created by hand. */
		NEW_USER,
		/** An admin's "Generate PIN". */
		ADMIN,
		/** A user's own "Generate PIN". */
		SELF_SERVICE,
		/** A lost PIN reset with a code. */
		RESET,
		/** A user brought in by a sync. */
		SYNC,
		/** The regeneration of every active user's PIN. */
		REGENERATION;

		/**
		 * A regenerated PIN is always mailed, whatever the "send new PIN via email"
		 * setting: nobody else knows it, so an unmailed one locks its user out.
		 */
		public boolean alwaysMailed() {
			return this == REGENERATION || this == RESET;
		}

	}

	@Override
	public String toString() {
		return "PinsGenerated[" + this.pins.size() + " PINs, " + this.reason + "]";
	}

}
