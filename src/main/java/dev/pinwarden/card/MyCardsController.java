package dev.pinwarden.card;

import java.security.Principal;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.pinwarden.card.CardController.CardView;
import dev.pinwarden.user.UserService;

/**
 * A user's own cards (over HTTP Basic with username and PIN, or the page session): seen
 * by their hints, and a lost one removed at once, so that whoever finds it opens nothing.
 */
@RestController
class MyCardsController {

	private final Cards cards;

	private final UserService users;

	private final CardRegistrationCodes codes;

	MyCardsController(Cards cards, CardRegistrationCodes codes, UserService users) {
		this.cards = cards;
		this.codes = codes;
		this.users = users;
	}

	/** A one-time code to type at a terminal that registers cards with a code. */
	@PostMapping("/api/v1/me/card-registration-code")
	CardRegistrationCodes.IssuedCode registrationCode(Principal principal) {
		return this.codes.issue(userId(principal));
	}

	@GetMapping("/api/v1/me/cards")
	List<CardView> list(Principal principal) {
		return this.cards.list(userId(principal)).stream().map(CardView::of).toList();
	}

	@DeleteMapping("/api/v1/me/cards/{cardId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void remove(Principal principal, @PathVariable long cardId) {
		this.cards.remove(userId(principal), cardId);
	}

	private long userId(Principal principal) {
		return this.users.getByUsername(principal.getName()).id();
	}

}
