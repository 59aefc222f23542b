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
import dev.pinwarden.user.Recipient;
import dev.pinwarden.user.UserService;

/**
 * Queues the "new PIN" mail for every newly generated PIN, in the transaction that
 * generated it: when "send new PIN via email" is on, and always for a mass regeneration.
 * Users without an email address get none. The mails of a batch are composed while the
 * transaction goes on ({@link OutboxPipeline}) and queued before it commits.
 */
@Component
class NewPinMails {

	private final MailTemplates templates;

	private final OutboxPipeline pipeline;

	private final MailSealer sealer;

	private final PinKeyRing keys;

	private final UserService users;

	private final PinSettingsService settings;

	NewPinMails(MailTemplates templates, OutboxPipeline pipeline, MailSealer sealer, PinKeyRing keys, UserService users,
			PinSettingsService settings) {
		this.templates = templates;
		this.pipeline = pipeline;
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
		Map<Long, Recipient> recipients = this.users
			.findRecipients(event.pins().stream().map(GeneratedPin::userId).toList())
			.stream()
			.collect(Collectors.toMap(Recipient::id, Function.identity()));
		if (recipients.isEmpty()) {
			return;
		}
		MailTemplates.Composer composer = this.templates.composer(MailTemplateKind.NEW_PIN);
		this.pipeline.enqueue(() -> compose(event.pins(), recipients, composer));
	}

	private List<Outbox.NewMail> compose(List<GeneratedPin> pins, Map<Long, Recipient> recipients,
			MailTemplates.Composer composer) {
		List<Outbox.NewMail> mails = new ArrayList<>(recipients.size());
		for (GeneratedPin generated : pins) {
			Recipient user = recipients.get(generated.userId());
			if (user != null) {
				Map<String, String> values = new HashMap<>();
				values.put("username", user.username());
				values.put("fullName", user.fullName());
				values.put("email", user.email());
				values.put("pin", generated.pin());
				mails.add(new Outbox.NewMail(user.id(), user.email(), MailTemplateKind.NEW_PIN,
						this.sealer.seal(composer.compose(values), user.email(), MailTemplateKind.NEW_PIN),
						this.keys.digest(generated.pin())));
			}
		}
		return mails;
	}

}
