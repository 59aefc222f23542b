package dev.pinwarden.user;

import java.util.Collection;
import java.util.Map;

/**
 * How many cards users hold, as the users' answers show it: implemented by the card
 * module, which depends on this one, so that a user's answer needs no reading of another
 * module's table here.
 */
public interface CardCounts {

	/** The number of cards of each of these users that has any. */
	Map<Long, Integer> byUser(Collection<Long> userIds);

}
