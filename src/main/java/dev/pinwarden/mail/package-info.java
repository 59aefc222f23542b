/**
 * Mail: the admin-editable templates ("new PIN", "PIN reset code", "card registered",
 * logic-less Mustache), and a transactional outbox. A new PIN's mail is rendered,
 * encrypted and queued in the transaction that made the PIN, a card's notice in the one
 * that registered it; the {@link dev.pinwarden.mail.OutboxDispatcher} sends queued mail
 * over SMTP at least once (twice only when a node dies between the SMTP server's
 * acceptance and the record), retries with back-off, skips mail whose PIN has since
 * changed, and erases each secret once it is sent. Composing a mail
 * ({@link dev.pinwarden.mail.MailTemplates}) is kept apart from sending it
 * ({@link dev.pinwarden.mail.SmtpMailer}).
 */
package dev.pinwarden.mail;
