package dev.pinwarden.card;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.pinwarden.user.UserViews;
import dev.pinwarden.user.UserService;
import dev.pinwarden.user.UserView;

/** An administrator's work on users' cards, and finding a card's holder. */
@RestController
class CardController {

	private final Cards cards;

	private final UserService users;

	private final UserViews views;

	CardController(Cards cards, UserViews views, UserService users) {
		this.cards = cards;
		this.views = views;
		this.users = users;
	}

	@GetMapping("/api/v1/users/{id}/cards")
	List<CardView> list(@PathVariable long id) {
		return this.cards.list(id).stream().map(CardView::of).toList();
	}

	@PostMapping("/api/v1/users/{id}/cards")
	ResponseEntity<CardView> add(@PathVariable long id, @RequestBody CardRequest request) {
		Card card = this.cards.add(id, new NewCard(CardNumber.of(request.number()), request.label()),
				Cards.SOURCE_MANUAL);
		return ResponseEntity.created(URI.create("/api/v1/users/" + id + "/cards/" + card.id()))
			.body(CardView.of(card));
	}

	@DeleteMapping("/api/v1/users/{id}/cards/{cardId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void remove(@PathVariable long id, @PathVariable long cardId) {
		this.cards.remove(id, cardId);
	}

	/** Ends a card's lock for wrong PINs typed with it. */
	@PostMapping("/api/v1/users/{id}/cards/{cardId}/unlock")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void unlock(@PathVariable long id, @PathVariable long cardId) {
		this.cards.unlock(id, cardId);
	}

	/** The holder of a card, as the users list answers: none or one. */
	@GetMapping(path = "/api/v1/users", params = "card")
	HolderPage holder(@RequestParam String card) {
		List<UserView> holder = this.cards.findHolder(CardNumber.of(card))
			.map((userId) -> List.of(this.views.of(this.users.get(userId))))
			.orElse(List.of());
		return new HolderPage(holder, 0, 1, holder.size());
	}

	record CardRequest(String number, String label) {

		@Override
		public String toString() {
			return "CardRequest[<hidden>, label=" + this.label + "]";
		}

	}

	record CardView(long id, String hint, String label, String source, Instant createdAt, Instant lastUsedAt,
			boolean locked) {

		static CardView of(Card card) {
			return new CardView(card.id(), card.hint(), card.label(), card.source(), card.createdAt(),
					card.lastUsedAt(), card.locked());
		}

	}

	record HolderPage(List<UserView> items, int page, int size, long total) {
	}

}
