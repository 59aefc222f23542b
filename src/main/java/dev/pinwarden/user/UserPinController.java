package dev.pinwarden.user;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.pinwarden.job.Jobs;
import dev.pinwarden.pin.PinRegeneration;
import dev.pinwarden.pin.RegenerationResult;

@RestController
class UserPinController {

	private final UserPinService userPins;

	private final PinRegeneration regeneration;

	private final RegenerationJobs regenerationJobs;

	UserPinController(UserPinService userPins, PinRegeneration regeneration, RegenerationJobs regenerationJobs) {
		this.regenerationJobs = regenerationJobs;
		this.userPins = userPins;
		this.regeneration = regeneration;
	}

	@PutMapping("/api/v1/users/{id}/pin")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void setPin(@PathVariable long id, @RequestBody ChosenPin body) {
		this.userPins.setPin(id, body.pin());
	}

	@PostMapping("/api/v1/users/{id}/pin")
	NewPinView generatePin(@PathVariable long id) {
		return new NewPinView(this.userPins.generatePin(id).pin());
	}

	@DeleteMapping("/api/v1/users/{id}/pin")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void deletePin(@PathVariable long id) {
		this.userPins.deletePin(id);
	}

	/**
	 * Deletes every active user's PIN and generates new ones, all in one transaction; the
	 * new PINs of users without an address go into PIN letters, or those users keep
	 * theirs.
	 */
	@PostMapping("/api/v1/pins/regenerate")
	ResponseEntity<Object> regenerate(@RequestBody(required = false) RegenerationRequest body,
			@RequestHeader(name = "Prefer", required = false) String prefer) {
		RegenerationResult.UsersWithoutEmail usersWithoutEmail = RegenerationResult.UsersWithoutEmail
			.of((body != null) ? body.usersWithoutEmail() : null);
		if (!Jobs.prefersAsync(prefer)) {
			return ResponseEntity.ok(this.regeneration.regenerateAll(usersWithoutEmail));
		}
		return Jobs.accepted(this.regenerationJobs.start(usersWithoutEmail));
	}

	/**
	 * @param usersWithoutEmail {@code letters} (the default) or {@code keep}
	 */
	record RegenerationRequest(String usersWithoutEmail) {
	}

	record ChosenPin(String pin) {

		@Override
		public String toString() {
			return "ChosenPin[<hidden>]";
		}

	}

	record NewPinView(String pin) {

		@Override
		public String toString() {
			return "NewPinView[<hidden>]";
		}

	}

}
