package dev.pinwarden.web;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.pinwarden.ApplicationException;
import dev.pinwarden.login.Administrators;

/** Administrators: change your own password, add and remove others. */
@Controller
@RequestMapping("/admin/administrators")
class AdminAdministratorsPage {

	private static final String VIEW = "admin/administrators";

	private final Administrators administrators;

	AdminAdministratorsPage(Administrators administrators) {
		this.administrators = administrators;
	}

	@GetMapping
	String show(Model model) {
		model.addAttribute("administrators", this.administrators.list());
		return VIEW;
	}

	@PostMapping("/password")
	String changePassword(@RequestParam(defaultValue = "") String currentPassword,
			@RequestParam(defaultValue = "") String newPassword, Principal principal, HttpServletRequest request,
			Model model) {
		return act(model, "Your password was changed.", () -> this.administrators.changeOwnPassword(principal.getName(),
				new Administrators.PasswordChange(currentPassword, newPassword), request.getRemoteAddr()));
	}

	@PostMapping
	String add(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
			Model model) {
		return act(model, "The administrator was added.",
				() -> this.administrators.create(new Administrators.NewAdministrator(username, password)));
	}

	@PostMapping("/{username}/delete")
	String delete(@PathVariable String username, Model model) {
		return act(model, "The administrator was removed.", () -> this.administrators.delete(username));
	}

	private String act(Model model, String done, Runnable action) {
		try {
			action.run();
			model.addAttribute("message", done);
		}
		catch (ApplicationException ex) {
			model.addAttribute("error", ex.getMessage());
		}
		return show(model);
	}

}
