package dev.pinwarden.web;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.pinwarden.attempt.AttemptsExhaustedException;
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
	String request(@RequestParam(defaultValue = "") String login, HttpServletRequest request, Model model) {
		try {
			this.requests.submit(login, request.getRemoteAddr());
		}
		catch (AttemptsExhaustedException ex) {
			model.addAttribute("error", "Too many reset requests from here; " + wait(ex));
			return "forgot-pin";
		}
		model.addAttribute("requested", true);
		model.addAttribute("login", login.strip());
		model.addAttribute("validMinutes", this.resets.validMinutes());
		return "forgot-pin";
	}

	@PostMapping("/confirm")
	String confirm(@RequestParam(defaultValue = "") String login, @RequestParam(defaultValue = "") String code,
			HttpServletRequest request, Model model) {
		model.addAttribute("requested", true);
		model.addAttribute("login", login.strip());
		model.addAttribute("validMinutes", this.resets.validMinutes());
		Optional<GeneratedPin> generated;
		try {
			generated = this.resets.confirm(login, code, request.getRemoteAddr());
		}
		catch (AttemptsExhaustedException ex) {
			model.addAttribute("error", "Too many wrong codes; " + wait(ex));
			return "forgot-pin";
		}
		if (generated.isPresent()) {
			model.addAttribute("newPin", generated.get().pin());
		}
		else {
			model.addAttribute("error", "The reset code is wrong, used or expired. Check it, or request a new one.");
		}
		return "forgot-pin";
	}

	private static String wait(AttemptsExhaustedException ex) {
		long minutes = Math.max(1, (ex.retryAfterSeconds() + 59) / 60);
		return "try again in " + minutes + ((minutes == 1) ? " minute." : " minutes.");
	}

}
