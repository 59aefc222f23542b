package dev.pinwarden.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param adminPassword the password the administrator {@code admin} gets on the first
 * start ({@code PINWARDEN_ADMIN_PASSWORD}); when empty one is generated and printed once
 * @param resetCodeValidMinutes how long a PIN reset code works
 * @param resetCodeMaxAttempts wrong tries after which a reset code stops working
 * @param metricsToken a bearer token that opens {@code /actuator/prometheus} and nothing
 * else ({@code PINWARDEN_METRICS_TOKEN}), so that a scraper needs no administrator's
 * password; at least {@value #MIN_METRICS_TOKEN_LENGTH} characters; {@code null} when
 * none is set
 */
@ConfigurationProperties("pinwarden.auth")
public record AuthProperties(String adminPassword, @DefaultValue("10") int resetCodeValidMinutes,
		@DefaultValue("5") int resetCodeMaxAttempts, String metricsToken) {

	static final int MIN_METRICS_TOKEN_LENGTH = 24;

	public AuthProperties {
		metricsToken = (metricsToken == null || metricsToken.isBlank()) ? null : metricsToken.strip();
		if (metricsToken != null && metricsToken.length() < MIN_METRICS_TOKEN_LENGTH) {
			throw new IllegalArgumentException(
					"PINWARDEN_METRICS_TOKEN has " + metricsToken.length() + " characters; it needs at least "
							+ MIN_METRICS_TOKEN_LENGTH + ", for example from 'openssl rand -base64 32'");
		}
	}

	@Override
	public String toString() {
		return "AuthProperties[adminPassword=<hidden>, resetCodeValidMinutes=" + this.resetCodeValidMinutes
				+ ", metricsToken=" + ((this.metricsToken == null) ? "none" : "<hidden>") + "]";
	}

}
