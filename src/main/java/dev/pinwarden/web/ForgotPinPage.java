package dev.pinwarden.web;

import java.util.Optional;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.pinwarden.reset.PinResets;
import dev.pinwarden.reset.ResetRequests;
import dev.pinwarden.pin.GeneratedPin;

/**
 * A lost PIN: enter the user name or address, get a code by mail, enter the code, get a
 * new PIN. The first answer is the same whatever was entered.
 */
@Controller
@RequestMapping("/forgot-pin")
class ForgotPinPage {

	private final PinResets resets;

	private final ResetRequests requests;

	ForgotPinPage(PinResets resets, ResetRequests requests) {
		this.resets = resets;
		this.requests = requests;
	}

	@GetMapping
	String show() {
		return "forgot-pin";
	}

	@PostMapping
	String request(@RequestParam(defaultValue = "") String login, Model model) {
		this.requests.submit(login);
		model.addAttribute("requested", true);
		model.addAttribute("login", login.strip());
		model.addAttribute("validMinutes", this.resets.validMinutes());
		return "forgot-pin";
	}

	@PostMapping("/confirm")
	String confirm(@RequestParam(defaultValue = "") String login, @RequestParam(defaultValue = "") String code,
			Model model) {
		Optional<GeneratedPin> generated = this.resets.confirm(login, code);
		model.addAttribute("requested", true);
		model.addAttribute("login", login.strip());
		model.addAttribute("validMinutes", this.resets.validMinutes());
		if (generated.isPresent()) {
			model.addAttribute("newPin", generated.get().pin());
		}
		else {
			model.addAttribute("error", "The reset code is wrong, used or expired. Check it, or request a new one.");
		}
		return "forgot-pin";
	}

}
