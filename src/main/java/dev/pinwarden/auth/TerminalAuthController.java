package dev.pinwarden.auth;

import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.pinwarden.pin.PinService;
import dev.pinwarden.user.User;
import dev.pinwarden.user.UserService;

/**
 * What a printer terminal calls: a PIN in, the user it belongs to out. A terminal that
 * sends too many wrong PINs is throttled ({@link TerminalThrottle}).
 */
@RestController
class TerminalAuthController {

	private static final String BEARER = "Bearer ";

	private final TerminalService terminals;

	private final PinService pins;

	private final UserService users;

	private final TerminalThrottle throttle;

	TerminalAuthController(TerminalService terminals, PinService pins, UserService users, TerminalThrottle throttle) {
		this.terminals = terminals;
		this.pins = pins;
		this.users = users;
		this.throttle = throttle;
	}

	@PostMapping("/api/v1/terminal/authenticate")
	AuthenticatedUser authenticate(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestBody PinAttempt attempt) {
		// the scheme is case-insensitive (RFC 9110)
		String token = (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length()))
				? authorization.substring(BEARER.length()).strip() : null;
		Terminal terminal = this.terminals.findByToken(token)
			.orElseThrow(TerminalAuthenticationException::invalidToken);
		this.throttle.checkNotThrottled(terminal.id());
		Optional<User> user = this.pins.findActiveHolder(attempt.pin()).flatMap(this.users::find);
		if (user.isEmpty()) {
			this.throttle.recordFailure(terminal.id());
			throw TerminalAuthenticationException.invalidPin();
		}
		return new AuthenticatedUser(user.get().id(), user.get().username(), user.get().fullName());
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
