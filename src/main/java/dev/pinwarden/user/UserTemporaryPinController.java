package dev.pinwarden.user;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.pinwarden.pin.TemporaryPins;
import dev.pinwarden.pin.TemporaryPins.CreatedTemporaryPin;
import dev.pinwarden.pin.TemporaryPins.TemporaryPin;

/** An administrator's temporary PINs for a user: created, listed, deleted. */
@RestController
class UserTemporaryPinController {

	private final UserTemporaryPins temporaryPins;

	UserTemporaryPinController(UserTemporaryPins temporaryPins) {
		this.temporaryPins = temporaryPins;
	}

	@PostMapping("/api/v1/users/{id}/temporary-pins")
	ResponseEntity<CreatedTemporaryPin> create(@PathVariable long id, @RequestBody NewTemporaryPin body) {
		CreatedTemporaryPin created = this.temporaryPins.create(id, body.validMinutes());
		return ResponseEntity.created(URI.create("/api/v1/users/" + id + "/temporary-pins/" + created.id()))
			.body(created);
	}

	@GetMapping("/api/v1/users/{id}/temporary-pins")
	List<TemporaryPin> list(@PathVariable long id) {
		return this.temporaryPins.list(id);
	}

	@DeleteMapping("/api/v1/users/{id}/temporary-pins/{temporaryPinId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable long id, @PathVariable long temporaryPinId) {
		this.temporaryPins.delete(id, temporaryPinId);
	}

	/**
	 * @param validMinutes how long it opens terminals, 1 to
	 * {@value TemporaryPins#MAX_VALID_MINUTES}
	 */
	record NewTemporaryPin(Integer validMinutes) {
	}

}
