package dev.pinwarden.mail;

import java.util.HashMap;
import java.util.Map;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.pinwarden.card.CardRegistered;
import dev.pinwarden.user.User;
import dev.pinwarden.user.UserService;

/**
 * Queues the "card registered" notice to a card's holder, in the transaction that
 * registered the card, so that whoever registered somebody else's card is noticed. Users
 * without an email address get none.
 */
@Component
class CardRegisteredMails {

	private final UserMailQueue mails;

	private final UserService users;

	CardRegisteredMails(UserMailQueue mails, UserService users) {
		this.mails = mails;
		this.users = users;
	}

	@EventListener
	void on(CardRegistered event) {
		User user = this.users.get(event.userId());
		if (user.email() == null || user.email().isBlank()) {
			return;
		}
		Map<String, String> values = new HashMap<>();
		values.put("cardHint", event.hint());
		values.put("terminalName", event.terminalName());
		this.mails.queue(user, MailTemplateKind.CARD_REGISTERED, values, null);
	}

}
