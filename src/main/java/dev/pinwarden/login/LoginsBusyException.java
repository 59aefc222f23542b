package dev.pinwarden.login;

import org.springframework.security.authentication.AuthenticationServiceException;

import dev.pinwarden.RetryAfter;

/**
 * More logins at once than the server checks passwords for: refused without a check, as
 * 429 {@code rate_limited} on the API, "busy" on the login page.
 */
class LoginsBusyException extends AuthenticationServiceException implements RetryAfter {

	LoginsBusyException() {
		super("Too many logins at once; try again in a moment");
	}

	@Override
	public long retryAfterSeconds() {
		return 1;
	}

}
