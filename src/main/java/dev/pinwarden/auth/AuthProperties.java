package dev.pinwarden.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param adminPassword the password the administrator {@code admin} gets on the first
 * start ({@code PINWARDEN_ADMIN_PASSWORD}); when empty one is generated and printed once
 */
@ConfigurationProperties("pinwarden.auth")
public record AuthProperties(String adminPassword) {

	@Override
	public String toString() {
		return "AuthProperties[adminPassword=<hidden>]";
	}

}
