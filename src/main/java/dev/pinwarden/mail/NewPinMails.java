package dev.pinwarden.mail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.pinwarden.pin.GeneratedPin;
import dev.pinwarden.pin.PinKeyRing;
import dev.pinwarden.pin.PinsGenerated;
import dev.pinwarden.settings.PinSettingsService;
import dev.pinwarden.user.User;
import dev.pinwarden.user.UserService;

/**
 * Queues the "new PIN" mail for every newly generated PIN, in the transaction that
 * generated it: when "send new PIN via email" is on, and always for a mass regeneration.
 * Users without an email address get none.
 */
@Component
class NewPinMails {

	private final MailTemplates templates;

	private final Outbox outbox;

	private final MailSealer sealer;

	private final PinKeyRing keys;

	private final UserService users;

	private final PinSettingsService settings;

	NewPinMails(MailTemplates templates, Outbox outbox, MailSealer sealer, PinKeyRing keys, UserService users,
			PinSettingsService settings) {
		this.templates = templates;
		this.outbox = outbox;
		this.sealer = sealer;
		this.keys = keys;
		this.users = users;
		this.settings = settings;
	}

	@EventListener
	void on(PinsGenerated event) {
		if (!event.reason().alwaysMailed() && !this.settings.get().sendPinByEmail()) {
			return;
		}
		Map<Long, User> recipients = this.users.findAll(event.pins().stream().map(GeneratedPin::userId).toList())
			.stream()
			.filter((user) -> user.email() != null)
			.collect(Collectors.toMap(User::id, Function.identity()));
		if (recipients.isEmpty()) {
			return;
		}
		MailTemplates.Composer composer = this.templates.composer(MailTemplateKind.NEW_PIN);
		List<Outbox.NewMail> mails = new ArrayList<>(recipients.size());
		for (GeneratedPin generated : event.pins()) {
			User user = recipients.get(generated.userId());
			if (user != null) {
				Map<String, String> values = new HashMap<>();
				values.put("username", user.username());
				values.put("fullName", user.fullName());
				values.put("email", user.email());
				values.put("pin", generated.pin());
				mails.add(new Outbox.NewMail(user.id(), user.email(), MailTemplateKind.NEW_PIN,
						this.sealer.seal(composer.compose(values)), this.keys.digest(generated.pin())));
			}
		}
		this.outbox.enqueue(mails);
	}

}
