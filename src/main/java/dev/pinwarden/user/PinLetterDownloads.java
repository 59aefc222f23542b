package dev.pinwarden.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import dev.pinwarden.Audited;
import dev.pinwarden.pin.GeneratedPin;
import dev.pinwarden.pin.PinLetters;

/**
 * Hands out PIN letters, once: each letter names its user (name and user name, as they
 * are now) with the PIN. A user deleted since gets no letter. Every download is audited.
 */
@Service
public class PinLetterDownloads {

	private final PinLetters letters;

	private final UserRepository users;

	private final ApplicationEventPublisher events;

	PinLetterDownloads(PinLetters letters, UserRepository users, ApplicationEventPublisher events) {
		this.letters = letters;
		this.users = users;
		this.events = events;
	}

	/**
	 * The letters, in the order of the users' names.
	 * @throws PinLetters.PinLettersGoneException when they were taken or expired
	 */
	public List<PinLetter> take(long lettersId, String format) {
		List<GeneratedPin> pins = this.letters.take(lettersId);
		Map<Long, Recipient> names = this.users.findNames(pins.stream().map(GeneratedPin::userId).toList())
			.stream()
			.collect(Collectors.toMap(Recipient::id, Function.identity()));
		List<PinLetter> result = new ArrayList<>(pins.size());
		for (GeneratedPin pin : pins) {
			Recipient user = names.get(pin.userId());
			if (user != null) {
				result.add(new PinLetter(user.username(), user.fullName(), pin.pin()));
			}
		}
		result.sort(java.util.Comparator.comparing(PinLetter::username, String.CASE_INSENSITIVE_ORDER));
		this.events.publishEvent(Audited.of("pin.letters.downloaded", "PIN letters " + lettersId,
				result.size() + " letters as " + format));
		return result;
	}

	/** One letter: whom it is for, and the PIN. */
	public record PinLetter(String username, String fullName, String pin) {

		@Override
		public String toString() {
			return "PinLetter[username=" + this.username + ", pin=<hidden>]";
		}

	}

}
