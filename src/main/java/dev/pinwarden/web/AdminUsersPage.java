package dev.pinwarden.web;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.pinwarden.ApplicationException;
import dev.pinwarden.InvalidInputException;
import dev.pinwarden.card.Card;
import dev.pinwarden.card.CardNumber;
import dev.pinwarden.card.Cards;
import dev.pinwarden.pin.TemporaryPins.CreatedTemporaryPin;
import dev.pinwarden.user.UserTemporaryPins;
import dev.pinwarden.card.NewCard;
import dev.pinwarden.sync.CsvSync;
import dev.pinwarden.user.NewUser;
import dev.pinwarden.user.UserChanges;
import dev.pinwarden.user.UserPinService;
import dev.pinwarden.user.UserQuery;
import dev.pinwarden.user.UserService;

/**
 * Users: search and page through them, create one (its generated PIN shown once), import
 * a CSV file with its report, find a card's holder, and on a user's own page edit,
 * deactivate, delete, give, set or delete the PIN, add and remove cards, and create and
 * delete temporary PINs.
 */
@Controller
@RequestMapping("/admin/users")
class AdminUsersPage {

	private static final int PAGE_SIZE = 25;

	private final UserService users;

	private final UserPinService userPins;

	private final CsvSync csv;

	private final Cards cards;

	private final UserTemporaryPins temporaryPins;

	AdminUsersPage(UserService users, UserPinService userPins, CsvSync csv, Cards cards,
			UserTemporaryPins temporaryPins) {
		this.temporaryPins = temporaryPins;
		this.users = users;
		this.userPins = userPins;
		this.csv = csv;
		this.cards = cards;
	}

	@GetMapping
	String list(@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page, Model model) {
		UserQuery query;
		try {
			query = new UserQuery(q, Math.max(page, 0), PAGE_SIZE);
		}
		catch (InvalidInputException ex) {
			query = new UserQuery(null, 0, PAGE_SIZE);
			model.addAttribute("error", ex.getMessage());
		}
		UserService.UserPage result = this.users.search(query);
		model.addAttribute("result", result);
		model.addAttribute("q", query.text());
		model.addAttribute("lastPage", Math.max(0, (result.total() - 1) / PAGE_SIZE));
		return "admin/users";
	}

	/**
	 * The holder of a card number, typed or read by a desk reader into the search box.
	 * Posted, so that the number is in no address: not in the browser's history, nor in a
	 * proxy's log.
	 */
	@PostMapping("/holder")
	String findByCard(@RequestParam String card, Model model) {
		if (!card.isBlank()) {
			try {
				CardNumber number = CardNumber.of(card);
				Optional<Long> holder = this.cards.findHolder(number);
				if (holder.isPresent()) {
					return "redirect:/admin/users/" + holder.get();
				}
				model.addAttribute("error", "No user holds the card ending in " + number.hint() + ".");
			}
			catch (ApplicationException ex) {
				model.addAttribute("error", ex.getMessage());
			}
		}
		return list(null, 0, model);
	}

	@PostMapping
	String create(@RequestParam String username, @RequestParam(required = false) String fullName,
			@RequestParam(required = false) String email, @RequestParam(required = false) String pin, Model model) {
		try {
			UserService.CreatedUser created = this.users
				.create(new NewUser(username, fullName, email, (pin == null || pin.isBlank()) ? null : pin.strip()));
			model.addAttribute("message", "User '" + created.user().username() + "' created.");
			created.generatedPin().ifPresent((generated) -> model.addAttribute("newPin", generated.pin()));
		}
		catch (ApplicationException ex) {
			model.addAttribute("createError", ex.getMessage());
			model.addAttribute("entered", enteredValues(username, fullName, email));
		}
		return list(null, 0, model);
	}

	@PostMapping("/import")
	String importCsv(HttpServletRequest request, RedirectAttributes redirect) {
		try {
			CsvUpload.Received upload = CsvUpload.read(request);
			return "redirect:/admin/jobs/" + this.csv.start(upload.file(), upload.deactivateMissing()).id();
		}
		catch (ApplicationException ex) {
			redirect.addFlashAttribute("importError", ex.getMessage());
		}
		catch (IOException ex) {
			redirect.addFlashAttribute("importError", "The file could not be read");
		}
		// back to the users page, rather than shown at the form's address, which holds
		// its
		// CSRF token
		return "redirect:/admin/users";
	}

	@GetMapping("/{id}")
	String show(@PathVariable long id, Model model) {
		model.addAttribute("user", this.users.get(id));
		model.addAttribute("cards", this.cards.list(id));
		model.addAttribute("temporaryPins", this.temporaryPins.list(id));
		return "admin/user";
	}

	@PostMapping("/{id}")
	String update(@PathVariable long id, @RequestParam(required = false) String fullName,
			@RequestParam(required = false) String email, @RequestParam(defaultValue = "false") boolean active,
			Model model) {
		Map<String, Object> patch = new HashMap<>();
		patch.put("fullName", fullName);
		patch.put("email", email);
		patch.put("active", active);
		return act(id, model, () -> {
			this.users.update(id, UserChanges.of(patch));
			return "Changes saved.";
		});
	}

	@PostMapping("/{id}/pin/generate")
	String generatePin(@PathVariable long id, Model model) {
		return act(id, model, () -> {
			model.addAttribute("newPin", this.userPins.generatePin(id).pin());
			return "A new PIN was generated; the old one no longer works.";
		});
	}

	@PostMapping("/{id}/pin")
	String setPin(@PathVariable long id, @RequestParam(defaultValue = "") String pin, Model model) {
		return act(id, model, () -> {
			this.userPins.setPin(id, pin.strip());
			return "The PIN was set.";
		});
	}

	@PostMapping("/{id}/pin/delete")
	String deletePin(@PathVariable long id, Model model) {
		return act(id, model, () -> {
			this.userPins.deletePin(id);
			return "The PIN was deleted; the user cannot log in at terminals until given a new one.";
		});
	}

	@PostMapping("/{id}/cards")
	String addCard(@PathVariable long id, @RequestParam(defaultValue = "") String number,
			@RequestParam(required = false) String label, Model model) {
		return act(id, model, () -> {
			Card card = this.cards.add(id, new NewCard(CardNumber.of(number), label), Cards.SOURCE_MANUAL);
			return "The card ending in " + card.hint() + " was added.";
		});
	}

	@PostMapping("/{id}/cards/{cardId}/delete")
	String removeCard(@PathVariable long id, @PathVariable long cardId, Model model) {
		return act(id, model, () -> {
			this.cards.remove(id, cardId);
			return "The card was removed; it opens nothing any more.";
		});
	}

	@PostMapping("/{id}/cards/{cardId}/unlock")
	String unlockCard(@PathVariable long id, @PathVariable long cardId, Model model) {
		return act(id, model, () -> {
			this.cards.unlock(id, cardId);
			return "The card was unlocked.";
		});
	}

	@PostMapping("/{id}/temporary-pins")
	String createTemporaryPin(@PathVariable long id, @RequestParam(required = false) Integer validMinutes,
			Model model) {
		return act(id, model, () -> {
			CreatedTemporaryPin created = this.temporaryPins.create(id, validMinutes);
			model.addAttribute("newTemporaryPin", created);
			return "A temporary PIN was created; it is mailed to the user when the user has an address.";
		});
	}

	@PostMapping("/{id}/temporary-pins/{temporaryPinId}/delete")
	String deleteTemporaryPin(@PathVariable long id, @PathVariable long temporaryPinId, Model model) {
		return act(id, model, () -> {
			this.temporaryPins.delete(id, temporaryPinId);
			return "The temporary PIN was deleted; it opens nothing any more.";
		});
	}

	@PostMapping("/{id}/delete")
	String delete(@PathVariable long id, Model model) {
		String username = this.users.get(id).username();
		this.users.delete(id);
		model.addAttribute("message", "User '" + username + "' deleted.");
		return list(null, 0, model);
	}

	/**
	 * Runs an action on the user's page, showing its outcome or the reason it was
	 * refused.
	 */
	private String act(long id, Model model, java.util.function.Supplier<String> action) {
		try {
			model.addAttribute("message", action.get());
		}
		catch (ApplicationException ex) {
			model.addAttribute("error", ex.getMessage());
		}
		return show(id, model);
	}

	private static Map<String, String> enteredValues(String username, String fullName, String email) {
		Map<String, String> entered = new HashMap<>();
		entered.put("username", username);
		entered.put("fullName", fullName);
		entered.put("email", email);
		return entered;
	}

}
