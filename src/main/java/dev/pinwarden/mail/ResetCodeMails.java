package dev.pinwarden.mail;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.user.User;

/** Queues the "PIN reset code" mail, in the transaction that made the code. */
@Service
public class ResetCodeMails {

	private final MailTemplates templates;

	private final Outbox outbox;

	private final MailSealer sealer;

	ResetCodeMails(MailTemplates templates, Outbox outbox, MailSealer sealer) {
		this.templates = templates;
		this.outbox = outbox;
		this.sealer = sealer;
	}

	@Transactional
	public void queue(User user, String code, int validMinutes) {
		Map<String, String> values = new HashMap<>();
		values.put("username", user.username());
		values.put("fullName", user.fullName());
		values.put("email", user.email());
		values.put("resetCode", code);
		values.put("resetCodeValidMinutes", String.valueOf(validMinutes));
		RenderedMail mail = this.templates.composer(MailTemplateKind.PIN_RESET_CODE).compose(values);
		this.outbox.enqueue(List.of(new Outbox.NewMail(user.id(), user.email(), MailTemplateKind.PIN_RESET_CODE,
				this.sealer.seal(mail, user.email(), MailTemplateKind.PIN_RESET_CODE), null)));
	}

}
