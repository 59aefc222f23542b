package dev.pinwarden.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param adminPassword the password the administrator {@code admin} gets on the first
 * start ({@code PINWARDEN_ADMIN_PASSWORD}); when empty one is generated and printed once
 * @param resetCodeValidMinutes how long a PIN reset code works
 * @param resetCodeMaxAttempts wrong tries after which a reset code stops working
 */
@ConfigurationProperties("pinwarden.auth")
public record AuthProperties(String adminPassword, @DefaultValue("10") int resetCodeValidMinutes,
		@DefaultValue("5") int resetCodeMaxAttempts) {

	@Override
	public String toString() {
		return "AuthProperties[adminPassword=<hidden>, resetCodeValidMinutes=" + this.resetCodeValidMinutes + "]";
	}

}
