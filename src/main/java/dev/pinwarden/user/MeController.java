package dev.pinwarden.user;

import java.security.Principal;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A user's own PIN, over HTTP Basic with username and PIN (or a page session). */
@RestController
class MeController {

	private final UserPinService userPins;

	MeController(UserPinService userPins) {
		this.userPins = userPins;
	}

	@PostMapping("/api/v1/me/pin")
	UserPinService.OwnPin generate(Principal principal) {
		return this.userPins.generateOwnPin(principal.getName());
	}

}
