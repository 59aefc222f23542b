package dev.pinwarden.user;

import java.security.Principal;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.pinwarden.user.UserPinService;

/** A user's own PIN, over HTTP Basic with username and PIN. */
@RestController
class MeController {

	private final SelfService selfService;

	MeController(SelfService selfService) {
		this.selfService = selfService;
	}

	@PostMapping("/api/v1/me/pin")
	UserPinService.OwnPin generate(Principal principal) {
		return this.selfService.generatePin(principal.getName());
	}

}
