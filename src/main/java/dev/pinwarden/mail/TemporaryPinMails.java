package dev.pinwarden.mail;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.pinwarden.pin.PinKeyRing;
import dev.pinwarden.pin.TemporaryPinCreated;
import dev.pinwarden.user.User;
import dev.pinwarden.user.UserService;

/**
 * Queues the "temporary PIN" mail, in the transaction that created the PIN, to every user
 * with an address, whatever the "send new PIN via email" setting: a temporary PIN is
 * given to be used, and the mail is how it reaches its user when the administrator is not
 * at hand. {@code expiresAt} is written in UTC, minutes precise. Like a new-PIN mail it
 * is tied to its PIN: one deleted or expired before the mail left is not sent, since its
 * number may be somebody else's by then.
 */
@Component
class TemporaryPinMails {

	static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final UserMailQueue mails;

	private final UserService users;

	private final PinKeyRing keys;

	TemporaryPinMails(UserMailQueue mails, PinKeyRing keys, UserService users) {
		this.mails = mails;
		this.keys = keys;
		this.users = users;
	}

	@EventListener
	void on(TemporaryPinCreated event) {
		User user = this.users.get(event.userId());
		if (user.email() == null || user.email().isBlank()) {
			return;
		}
		this.mails.queue(user, MailTemplateKind.TEMPORARY_PIN,
				Map.of("pin", event.pin(), "expiresAt", EXPIRY.format(event.expiresAt())),
				this.keys.digest(event.pin()));
	}

}
