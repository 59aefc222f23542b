package dev.pinwarden.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.pinwarden.ApplicationException;
import dev.pinwarden.terminal.RegisteredTerminal;
import dev.pinwarden.terminal.TerminalSetup;
import dev.pinwarden.auth.ScimTokens;
import dev.pinwarden.terminal.TerminalService;

/** Printer terminals and SCIM tokens: register (the token is shown once) and revoke. */
@Controller
@RequestMapping("/admin/terminals")
class AdminTerminalsPage {

	private static final String VIEW = "admin/terminals";

	private final TerminalService terminals;

	private final ScimTokens scimTokens;

	AdminTerminalsPage(TerminalService terminals, ScimTokens scimTokens) {
		this.terminals = terminals;
		this.scimTokens = scimTokens;
	}

	@GetMapping
	String show(Model model) {
		model.addAttribute("terminals", this.terminals.list());
		model.addAttribute("scimTokens", this.scimTokens.list());
		return VIEW;
	}

	@PostMapping
	String register(@RequestParam(defaultValue = "") String name, Model model) {
		try {
			RegisteredTerminal terminal = this.terminals.register(new TerminalSetup(name, null, null));
			model.addAttribute("newToken", terminal.token());
			model.addAttribute("newTokenFor", "terminal '" + terminal.name() + "'");
		}
		catch (ApplicationException ex) {
			model.addAttribute("terminalError", ex.getMessage());
		}
		return show(model);
	}

	@PostMapping("/{id}/revoke")
	String revoke(@PathVariable long id, Model model) {
		this.terminals.revoke(id);
		model.addAttribute("message", "The terminal was revoked; its token no longer works.");
		return show(model);
	}

	@PostMapping("/scim-tokens")
	String createScimToken(@RequestParam(defaultValue = "") String name, Model model) {
		try {
			ScimTokens.IssuedToken token = this.scimTokens.create(name);
			model.addAttribute("newToken", token.token());
			model.addAttribute("newTokenFor", "SCIM token '" + token.name() + "'");
		}
		catch (ApplicationException ex) {
			model.addAttribute("scimError", ex.getMessage());
		}
		return show(model);
	}

	@PostMapping("/scim-tokens/{id}/revoke")
	String revokeScimToken(@PathVariable long id, Model model) {
		this.scimTokens.revoke(id);
		model.addAttribute("message", "The SCIM token was revoked.");
		return show(model);
	}

}
