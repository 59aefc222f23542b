package dev.pinwarden.mail;

import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.user.User;

/** Queues the "PIN reset code" mail, in the transaction that made the code. */
@Service
public class ResetCodeMails {

	private final UserMailQueue mails;

	ResetCodeMails(UserMailQueue mails) {
		this.mails = mails;
	}

	@Transactional
	public void queue(User user, String code, int validMinutes) {
		this.mails.queue(user, MailTemplateKind.PIN_RESET_CODE,
				Map.of("resetCode", code, "resetCodeValidMinutes", String.valueOf(validMinutes)), null);
	}

}
