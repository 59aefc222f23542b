package dev.pinwarden.user;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A user as the API shows it: {@code externalId} is its source's stable id of the person;
 * {@code cards} is how many cards the user holds, {@code temporaryPins} how many
 * unexpired temporary PINs; {@code pin} only in the answer that generated it.
 */
public record UserView(long id, String username, String fullName, String email, boolean active, String source,
		String externalId, boolean hasPin, Integer pinLength, Instant pinSetAt, int cards, int temporaryPins,
		Instant createdAt, Instant updatedAt, @JsonInclude(JsonInclude.Include.NON_NULL) String pin) {

	@Override
	public String toString() {
		return "UserView[id=" + this.id + ", username=" + this.username + ", pin=<hidden>]";
	}

	public static UserView of(User user, int cards, int temporaryPins, String generatedPin) {
		return new UserView(user.id(), user.username(), user.fullName(), user.email(), user.active(), user.source(),
				user.externalId(), user.hasPin(), user.pinLength(), user.pinSetAt(), cards, temporaryPins,
				user.createdAt(), user.updatedAt(), generatedPin);
	}

}
