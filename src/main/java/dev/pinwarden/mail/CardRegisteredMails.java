package dev.pinwarden.mail;

import java.util.HashMap;
import java.util.List;
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

	private final MailTemplates templates;

	private final Outbox outbox;

	private final MailSealer sealer;

	private final UserService users;

	CardRegisteredMails(MailTemplates templates, Outbox outbox, MailSealer sealer, UserService users) {
		this.templates = templates;
		this.outbox = outbox;
		this.sealer = sealer;
		this.users = users;
	}

	@EventListener
	void on(CardRegistered event) {
		User user = this.users.get(event.userId());
		if (user.email() == null || user.email().isBlank()) {
			return;
		}
		Map<String, String> values = new HashMap<>();
		values.put("username", user.username());
		values.put("fullName", user.fullName());
		values.put("email", user.email());
		values.put("cardHint", event.hint());
		values.put("terminalName", event.terminalName());
		RenderedMail mail = this.templates.composer(MailTemplateKind.CARD_REGISTERED).compose(values);
		this.outbox.enqueue(List.of(new Outbox.NewMail(user.id(), user.email(), MailTemplateKind.CARD_REGISTERED,
				this.sealer.seal(mail, user.email(), MailTemplateKind.CARD_REGISTERED), null)));
	}

}
