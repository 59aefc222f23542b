package dev.pinwarden.user;

import java.util.Collection;
import java.util.Map;

/**
 * Users' cards as this module needs them: counted for users' answers, and deleted with a
 * departed user's credentials. Implemented by the card module, which depends on this one,
 * so that this module reads no table of another.
 */
public interface UserCards {

	/** The number of cards of each of these users that has any. */
	Map<Long, Integer> byUser(Collection<Long> userIds);

	/** Deletes these users' cards; how many each of those that had any had. */
	Map<Long, Integer> deleteOf(Collection<Long> userIds);

}
