package dev.pinwarden.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How mail leaves: the SMTP server, the sender, the base URL of links, and the
 * dispatcher's pace. Without an SMTP host, mail stays queued.
 *
 * @param smtpHost {@code PINWARDEN_SMTP_HOST}
 * @param smtpPort {@code PINWARDEN_SMTP_PORT}
 * @param smtpUser {@code PINWARDEN_SMTP_USER}; authentication is used when set
 * @param smtpPassword {@code PINWARDEN_SMTP_PASSWORD}; never logged or shown
 * @param smtpTls {@code PINWARDEN_SMTP_TLS}: none, starttls or tls
 * @param from {@code PINWARDEN_MAIL_FROM}
 * @param publicUrl {@code PINWARDEN_PUBLIC_URL}: the base of links in mails
 * @param retryInitial the wait before the first retry, doubled for each further one
 * @param retryMax the longest wait between retries
 * @param batchSize messages sent over one SMTP connection at a time
 * @param connections SMTP connections a node sends over at once, each with its own batch
 * @param pollInterval how often the dispatcher looks for due mail
 * @param connectTimeout SMTP connect timeout
 * @param readTimeout SMTP read and write timeout
 * @param retentionDays days the outbox keeps the row of a finished (sent, failed,
 * superseded or expired) mail, for the mail log, after its last change
 * @param lease how long a claimed batch is this node's to send; renewed while it is being
 * sent, and once over (the node stopped), the mail is due again for any node
 * @param expireAfter how long mail is tried before it is given up ({@code expired}, its
 * content erased)
 */
@ConfigurationProperties("pinwarden.mail")
public record MailProperties(String smtpHost, @DefaultValue("25") int smtpPort, String smtpUser, String smtpPassword,
		@DefaultValue("none") Tls smtpTls, @DefaultValue("pinwarden@localhost") String from,
		@DefaultValue("http://localhost:8080") String publicUrl, @DefaultValue("10s") Duration retryInitial,
		@DefaultValue("15m") Duration retryMax, @DefaultValue("100") int batchSize, @DefaultValue("4") int connections,
		@DefaultValue("2s") Duration pollInterval, @DefaultValue("10s") Duration connectTimeout,
		@DefaultValue("30s") Duration readTimeout, @DefaultValue("90") int retentionDays,
		@DefaultValue("2m") Duration lease, @DefaultValue("3d") Duration expireAfter) {

	public enum Tls {

		NONE, STARTTLS, TLS

	}

	boolean smtpConfigured() {
		return this.smtpHost != null && !this.smtpHost.isBlank();
	}

	/** The wait before attempt number {@code attempts + 1}: exponential, capped. */
	Duration retryDelay(int attempts) {
		long factor = 1L << Math.min(Math.max(attempts - 1, 0), 30);
		Duration delay = this.retryInitial.multipliedBy(factor);
		return (delay.compareTo(this.retryMax) > 0) ? this.retryMax : delay;
	}

	@Override
	public String toString() {
		return "MailProperties[smtpHost=" + this.smtpHost + ", smtpPort=" + this.smtpPort + ", smtpUser="
				+ this.smtpUser + ", smtpPassword=<hidden>, smtpTls=" + this.smtpTls + ", from=" + this.from + "]";
	}

}
