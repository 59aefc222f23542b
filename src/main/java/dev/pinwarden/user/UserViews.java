package dev.pinwarden.user;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.pinwarden.pin.TemporaryPins;

/**
 * Users as the API answers them, with what they hold counted for a whole page in one
 * query per kind: cards and unexpired temporary PINs.
 */
@Component
public class UserViews {

	private final UserCards cards;

	private final TemporaryPins temporaryPins;

	UserViews(UserCards cards, TemporaryPins temporaryPins) {
		this.cards = cards;
		this.temporaryPins = temporaryPins;
	}

	public UserView of(User user) {
		return of(List.of(user)).get(0);
	}

	public List<UserView> of(List<User> users) {
		List<Long> ids = users.stream().map(User::id).toList();
		Map<Long, Integer> cardCounts = this.cards.byUser(ids);
		Map<Long, Integer> temporaryCounts = this.temporaryPins.byUser(ids);
		return users.stream()
			.map((user) -> UserView.of(user, cardCounts.getOrDefault(user.id(), 0),
					temporaryCounts.getOrDefault(user.id(), 0), null))
			.toList();
	}

}
