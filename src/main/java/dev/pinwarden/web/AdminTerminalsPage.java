package dev.pinwarden.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.pinwarden.ApplicationException;
import dev.pinwarden.card.CardConversion;
import dev.pinwarden.card.CardNumber;
import dev.pinwarden.settings.LoginMode;
import dev.pinwarden.settings.TerminalSettingsService;
import dev.pinwarden.terminal.RegisteredTerminal;
import dev.pinwarden.terminal.Terminal;
import dev.pinwarden.terminal.TerminalSetup;
import dev.pinwarden.auth.ScimTokens;
import dev.pinwarden.terminal.TerminalService;

/**
 * Printer terminals and SCIM tokens: register (the token is shown once) and revoke; and
 * each terminal's login mode and card conversion, with a number to try it on.
 */
@Controller
@RequestMapping("/admin/terminals")
class AdminTerminalsPage {

	private static final String VIEW = "admin/terminals";

	private static final String TERMINAL_VIEW = "admin/terminal";

	private final TerminalService terminals;

	private final ScimTokens scimTokens;

	private final TerminalSettingsService terminalSettings;

	AdminTerminalsPage(TerminalService terminals, ScimTokens scimTokens, TerminalSettingsService terminalSettings) {
		this.terminals = terminals;
		this.scimTokens = scimTokens;
		this.terminalSettings = terminalSettings;
	}

	@GetMapping
	String show(Model model) {
		model.addAttribute("terminals", this.terminals.list());
		model.addAttribute("defaultLoginMode", this.terminalSettings.get().defaultLoginMode());
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

	/** A terminal's own settings: its name, login mode and card conversion. */
	@GetMapping("/{id}")
	String showTerminal(@PathVariable long id, Model model) {
		Terminal terminal = this.terminals.get(id);
		model.addAttribute("terminal", terminal);
		model.addAttribute("loginModes", LoginMode.values());
		model.addAttribute("defaultLoginMode", this.terminalSettings.get().defaultLoginMode());
		if (!model.containsAttribute("conversionLines")) {
			model.addAttribute("conversionLines", CardConversion.of(terminal.cardConversion()).lines());
		}
		return TERMINAL_VIEW;
	}

	@PostMapping("/{id}")
	String updateTerminal(@PathVariable long id, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String loginMode, @RequestParam(defaultValue = "") String cardConversion,
			Model model) {
		try {
			this.terminals.update(id, new TerminalSetup(name, loginMode.isEmpty() ? null : LoginMode.of(loginMode),
					CardConversion.ofLines(cardConversion)));
			model.addAttribute("message", "The terminal's settings were saved.");
		}
		catch (ApplicationException ex) {
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("conversionLines", cardConversion);
		}
		return showTerminal(id, model);
	}

	/**
	 * What a number a reader sends becomes with the conversion on the page, saved or not:
	 * where a reader's format is worked out.
	 */
	@PostMapping("/{id}/test-card")
	String testCard(@PathVariable long id, @RequestParam(defaultValue = "") String cardConversion,
			@RequestParam(defaultValue = "") String testNumber, Model model) {
		try {
			CardNumber read = CardNumber.of(testNumber);
			CardNumber converted = CardConversion.ofLines(cardConversion).apply(read);
			model.addAttribute("testResult", "The reader's " + read.value() + " becomes " + converted.value() + ".");
		}
		catch (ApplicationException ex) {
			model.addAttribute("testError", ex.getMessage());
		}
		model.addAttribute("conversionLines", cardConversion);
		return showTerminal(id, model);
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
