package dev.pinwarden.web;

import java.security.Principal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

import dev.pinwarden.ApplicationException;
import dev.pinwarden.user.SelfService;
import dev.pinwarden.settings.PinSettingsService;
import dev.pinwarden.user.User;
import dev.pinwarden.user.UserPinService;
import dev.pinwarden.user.UserService;

/** A user's Home: who I am, my PIN's status (never the PIN), and "Generate PIN". */
@Controller
class HomePage {

	private static final DateTimeFormatter SET_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final UserService users;

	private final SelfService selfService;

	private final PinSettingsService settings;

	HomePage(UserService users, SelfService selfService, PinSettingsService settings) {
		this.users = users;
		this.selfService = selfService;
		this.settings = settings;
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

	private String show(Principal principal, Model model) {
		User user = this.users.findByUsername(principal.getName()).orElseThrow();
		model.addAttribute("user", user);
		if (user.pinSetAt() != null) {
			model.addAttribute("pinSetAt", SET_AT.format(user.pinSetAt()));
		}
		model.addAttribute("canChangePin", this.settings.get().usersCanChangePin());
		return "home";
	}

}
