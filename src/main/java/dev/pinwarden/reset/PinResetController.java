package dev.pinwarden.reset;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.pinwarden.ApplicationException;

/** Lost PINs over the API; the web page /forgot-pin does the same. */
@RestController
class PinResetController {

	private final PinResets resets;

	private final ResetRequests requests;

	PinResetController(PinResets resets, ResetRequests requests) {
		this.resets = resets;
		this.requests = requests;
	}

	/** Always 202 with the same body, whether or not the user exists. */
	@PostMapping("/api/v1/pin-reset/request")
	ResponseEntity<Accepted> request(@RequestBody ResetRequest body, HttpServletRequest request) {
		this.requests.submit(body.login(), request.getRemoteAddr());
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(new Accepted("If the account exists and has an email address, a reset code is on its way."));
	}

	@PostMapping("/api/v1/pin-reset/confirm")
	NewPin confirm(@RequestBody ResetConfirmation body, HttpServletRequest request) {
		return this.resets.confirm(body.login(), body.code(), request.getRemoteAddr())
			.map((generated) -> new NewPin(generated.pin()))
			.orElseThrow(InvalidCodeException::new);
	}

	record ResetRequest(String login) {
	}

	record ResetConfirmation(String login, String code) {

		@Override
		public String toString() {
			return "ResetConfirmation[login=" + this.login + ", code=<hidden>]";
		}

	}

	record Accepted(String message) {
	}

	record NewPin(String pin) {

		@Override
		public String toString() {
			return "NewPin[<hidden>]";
		}

	}

	/** Wrong, used, expired or too often tried: one answer for all. */
	static class InvalidCodeException extends ApplicationException {

		InvalidCodeException() {
			super(Kind.INVALID, "invalid_code", "The reset code is wrong, used or expired; request a new one");
		}

	}

}
