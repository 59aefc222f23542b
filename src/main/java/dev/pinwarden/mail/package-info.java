/**
 * Mail: the admin-editable templates ({@code mail_template}: "new PIN", "PIN reset code",
 * "card registered", logic-less Mustache), and a transactional outbox
 * ({@code mail_outbox}). A new PIN's mail is rendered, encrypted and queued by
 * synchronous listeners of {@link dev.pinwarden.pin.PinsGenerated} and its kin, in the
 * transaction that made the PIN (the PIN and its mail commit together or not at all, and
 * a mail that cannot be queued rolls the PIN back); a card's notice in the one that
 * registered it. The {@link dev.pinwarden.mail.OutboxDispatcher} sends queued mail over
 * SMTP at least once (twice only when a node dies between the SMTP server's acceptance
 * and the record), retries with back-off, erases each secret once it is sent, and skips
 * mail whose PIN has since changed, which it finds in the same statement that claims the
 * mail, by reading {@code pin} and {@code temporary_pin} as {@code pin} publishes them to
 * it. Composing a mail ({@link dev.pinwarden.mail.MailTemplates}) is kept apart from
 * sending it ({@link dev.pinwarden.mail.SmtpMailer}).
 */
@OwnedTable("mail_outbox")
@OwnedTable("mail_template")
@ApplicationModule(allowedDependencies = { "card", "jdbc", "pin", "settings", "user" })
package dev.pinwarden.mail;

import dev.pinwarden.OwnedTable;
import org.springframework.modulith.ApplicationModule;
