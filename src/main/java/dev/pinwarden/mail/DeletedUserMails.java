package dev.pinwarden.mail;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.pinwarden.user.UserDeleted;

/**
 * Keeps a deleted user's mails, without the user: what was sent stays on record, and a
 * queued new-PIN mail is not sent, its PIN having gone with the user. The outbox has no
 * foreign key to the users (checking one cost a third of queueing a mass regeneration's
 * mails), so this listener does what {@code on delete set null} did, in the transaction
 * that deletes the user.
 */
@Component
class DeletedUserMails {

	private final Outbox outbox;

	DeletedUserMails(Outbox outbox) {
		this.outbox = outbox;
	}

	@EventListener
	void on(UserDeleted event) {
		this.outbox.forgetUser(event.userId());
	}

}
