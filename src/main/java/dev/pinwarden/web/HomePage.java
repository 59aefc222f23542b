package dev.pinwarden.web;

import java.security.Principal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import dev.pinwarden.ApplicationException;
import dev.pinwarden.card.CardRegistrationCodes;
import dev.pinwarden.card.Cards;
import dev.pinwarden.settings.CardSelfRegistration;
import dev.pinwarden.settings.TerminalSettingsService;
import dev.pinwarden.user.SelfService;
import dev.pinwarden.settings.PinSettingsService;
import dev.pinwarden.user.User;
import dev.pinwarden.user.UserPinService;
import dev.pinwarden.user.UserService;

/**
 * A user's Home: who I am, my PIN's status (never the PIN), "Generate PIN", my cards
 * (removed at once when lost) and, where cards are registered with a code, the code.
 */
@Controller
class HomePage {

	private static final DateTimeFormatter SET_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final UserService users;

	private final SelfService selfService;

	private final PinSettingsService settings;

	private final Cards cards;

	private final CardRegistrationCodes codes;

	private final TerminalSettingsService terminalSettings;

	HomePage(UserService users, SelfService selfService, PinSettingsService settings, Cards cards,
			CardRegistrationCodes codes, TerminalSettingsService terminalSettings) {
		this.users = users;
		this.selfService = selfService;
		this.settings = settings;
		this.cards = cards;
		this.codes = codes;
		this.terminalSettings = terminalSettings;
	}

	@GetMapping("/")
	String home(Authentication authentication, Model model) {
		if (authentication.getAuthorities().stream().anyMatch((a) -> a.getAuthority().equals("ROLE_ADMIN"))) {
			return "redirect:/admin";
		}
		return show(authentication, model);
	}

	/**
	 * Shows the new PIN once, in this answer only; it is not kept anywhere to show again.
	 */
	@PostMapping("/pin")
	String generate(Principal principal, Model model) {
		try {
			UserPinService.OwnPin own = this.selfService.generatePin(principal.getName());
			model.addAttribute("newPin", own.pin());
			model.addAttribute("mailed", own.mailed());
		}
		catch (ApplicationException ex) {
			model.addAttribute("error", ex.getMessage());
		}
		return show(principal, model);
	}

	/** Shows the code once, in this answer only. */
	@PostMapping("/card-code")
	String registrationCode(Principal principal, Model model) {
		CardRegistrationCodes.IssuedCode code = this.codes.issue(userId(principal));
		model.addAttribute("registrationCode", code.code());
		model.addAttribute("registrationCodeExpiresAt", SET_AT.format(code.expiresAt()));
		return show(principal, model);
	}

	/** A lost card, removed at once: whoever finds it opens nothing. */
	@PostMapping("/cards/{cardId}/delete")
	String removeCard(Principal principal, @PathVariable long cardId, Model model) {
		try {
			this.cards.remove(userId(principal), cardId);
			model.addAttribute("message", "The card was removed; it opens nothing any more.");
		}
		catch (ApplicationException ex) {
			model.addAttribute("error", ex.getMessage());
		}
		return show(principal, model);
	}

	private long userId(Principal principal) {
		return this.users.getByUsername(principal.getName()).id();
	}

	private String show(Principal principal, Model model) {
		User user = this.users.findByUsername(principal.getName()).orElseThrow();
		model.addAttribute("user", user);
		if (user.pinSetAt() != null) {
			model.addAttribute("pinSetAt", SET_AT.format(user.pinSetAt()));
		}
		model.addAttribute("canChangePin", this.settings.get().usersCanChangePin());
		model.addAttribute("cards", this.cards.list(user.id()));
		model.addAttribute("registersByCode",
				this.terminalSettings.get().cardSelfRegistration() == CardSelfRegistration.CODE);
		model.addAttribute("registersByPin",
				this.terminalSettings.get().cardSelfRegistration() == CardSelfRegistration.PIN);
		return "home";
	}

}
