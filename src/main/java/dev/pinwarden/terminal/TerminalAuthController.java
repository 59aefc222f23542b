package dev.pinwarden.terminal;

import java.io.IOException;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.pinwarden.terminal.TerminalAuthentication.Authenticated;
import dev.pinwarden.terminal.TerminalAuthentication.Credential;
import dev.pinwarden.terminal.TerminalService.PinHolder;
import dev.pinwarden.auth.Tokens;

/**
 * What a printer terminal calls: a PIN, a card or both in, the user they belong to out
 * ({@link TerminalAuthentication}).
 */
@RestController
class TerminalAuthController {

	static final String AUTHENTICATE = "/api/v1/terminal/authenticate";

	private final TerminalAuthentication authentication;

	private final TerminalCardRegistration registration;

	private final JsonBody<PinAttempt> attempts;

	TerminalAuthController(TerminalAuthentication authentication, TerminalCardRegistration registration,
			JsonMapper json) {
		this.attempts = new JsonBody<>(json, PinAttempt.class);
		this.authentication = authentication;
		this.registration = registration;
	}

	// the body is read by JsonBody, not by @RequestBody; described as one all the same
	@PostMapping(AUTHENTICATE)
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = PinAttempt.class)))
	AuthenticatedUser authenticate(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			HttpServletRequest request) throws IOException, HttpMediaTypeNotSupportedException {
		PinAttempt attempt = this.attempts.read(request);
		Authenticated authenticated = this.authentication.authenticate(Tokens.bearer(authorization), attempt.pin(),
				attempt.card());
		PinHolder user = authenticated.user();
		return new AuthenticatedUser(user.userId(), user.username(), user.fullName(), authenticated.credential());
	}

	@PostMapping("/api/v1/terminal/register-card")
	@ResponseStatus(HttpStatus.CREATED)
	RegisteredUser registerCard(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestBody CardRegistration registration) {
		PinHolder user = this.registration.register(Tokens.bearer(authorization), registration.card(),
				registration.pin(), registration.code());
		return new RegisteredUser(user.userId(), user.username(), user.fullName());
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record CardRegistration(String card, String pin, String code) {

		@Override
		public String toString() {
			return "CardRegistration[<hidden>]";
		}

	}

	record RegisteredUser(long userId, String username, String fullName) {
	}

	// terminals of several makes send more than the PIN and the card; only they matter
	@JsonIgnoreProperties(ignoreUnknown = true)
	record PinAttempt(String pin, String card) {

		@Override
		public String toString() {
			return "PinAttempt[<hidden>]";
		}

	}

	record AuthenticatedUser(long userId, String username, String fullName, Credential credential) {
	}

}
