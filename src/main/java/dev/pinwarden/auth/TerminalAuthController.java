package dev.pinwarden.auth;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.pinwarden.pin.PinService;
import dev.pinwarden.user.User;
import dev.pinwarden.user.UserService;

/** What a printer terminal calls: a PIN in, the user it belongs to out. */
@RestController
class TerminalAuthController {

	private static final String BEARER = "Bearer ";

	private final TerminalService terminals;

	private final PinService pins;

	private final UserService users;

	TerminalAuthController(TerminalService terminals, PinService pins, UserService users) {
		this.terminals = terminals;
		this.pins = pins;
		this.users = users;
	}

	@PostMapping("/api/v1/terminal/authenticate")
	AuthenticatedUser authenticate(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestBody PinAttempt attempt) {
		// the scheme is case-insensitive (RFC 9110)
		String token = (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length()))
				? authorization.substring(BEARER.length()).strip() : null;
		this.terminals.findByToken(token).orElseThrow(TerminalAuthenticationException::invalidToken);
		User user = this.pins.findActiveHolder(attempt.pin())
			.flatMap(this.users::find)
			.orElseThrow(TerminalAuthenticationException::invalidPin);
		return new AuthenticatedUser(user.id(), user.username(), user.fullName());
	}

	record PinAttempt(String pin) {

		@Override
		public String toString() {
			return "PinAttempt[<hidden>]";
		}

	}

	record AuthenticatedUser(long userId, String username, String fullName) {
	}

}
