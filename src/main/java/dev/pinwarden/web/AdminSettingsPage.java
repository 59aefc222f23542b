package dev.pinwarden.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.pinwarden.ApplicationException;
import dev.pinwarden.InvalidInputException;
import dev.pinwarden.settings.SecuritySettings;
import dev.pinwarden.settings.SecuritySettingsService;
import dev.pinwarden.settings.CardSelfRegistration;
import dev.pinwarden.settings.LoginMode;
import dev.pinwarden.settings.TerminalSettings;
import dev.pinwarden.settings.TerminalSettingsService;
import dev.pinwarden.user.DepartedCredentials;
import dev.pinwarden.user.RegenerationJobs;
import dev.pinwarden.pin.PinService;
import dev.pinwarden.pin.RegenerationResult;
import dev.pinwarden.settings.PinSettings;
import dev.pinwarden.settings.PinSettingsChange;
import dev.pinwarden.settings.PinSettingsService;

/**
 * The PIN section of the authentication settings. Saving a raised minimal length opens a
 * dialog that offers to regenerate every active user's PIN; nothing changes unless the
 * administrator says yes.
 */
@Controller
@RequestMapping("/admin/settings/authentication")
class AdminSettingsPage {

	private static final String VIEW = "admin/settings";

	private final PinSettingsService settings;

	private final PinService pins;

	private final RegenerationJobs regeneration;

	private final SecuritySettingsService security;

	private final TerminalSettingsService terminalSettings;

	private final DepartedCredentials departed;

	AdminSettingsPage(PinSettingsService settings, PinService pins, RegenerationJobs regeneration,
			SecuritySettingsService security, TerminalSettingsService terminalSettings, DepartedCredentials departed) {
		this.terminalSettings = terminalSettings;
		this.departed = departed;
		this.settings = settings;
		this.pins = pins;
		this.regeneration = regeneration;
		this.security = security;
	}

	@GetMapping
	String show(@RequestParam(required = false) String kept, Model model) {
		if (kept != null) {
			model.addAttribute("message", "The existing PINs were kept.");
		}
		return show(this.settings.get(), model);
	}

	@PostMapping
	String save(@RequestParam(defaultValue = "false") boolean usersCanChangePin,
			@RequestParam(required = false) String minimalPinLength,
			@RequestParam(defaultValue = "false") boolean generatePinForNewUsers,
			@RequestParam(defaultValue = "false") boolean sendPinByEmail,
			@RequestParam(defaultValue = "false") boolean deleteCredentialsOnDeactivation, @RequestParam int version,
			Model model) {
		try {
			PinSettingsService.SettingsUpdate update = this.settings
				.update(new PinSettingsChange(usersCanChangePin, parseLength(minimalPinLength), generatePinForNewUsers,
						sendPinByEmail, deleteCredentialsOnDeactivation, version));
			model.addAttribute("message", "Settings saved.");
			model.addAttribute("offerRegeneration", update.regenerationOffered());
			return show(update.settings(), model);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("fieldError", ex.getMessage());
			model.addAttribute("errorField", ex.field());
			model.addAttribute("enteredLength", minimalPinLength);
			return show(this.settings.get(), model);
		}
		catch (ApplicationException ex) {
			model.addAttribute("error", ex.getMessage());
			return show(this.settings.get(), model);
		}
	}

	@PostMapping("/regenerate")
	String regenerate(@RequestParam(defaultValue = "letters") String usersWithoutEmail, Model model) {
		try {
			return "redirect:/admin/jobs/"
					+ this.regeneration.start(RegenerationResult.UsersWithoutEmail.of(usersWithoutEmail)).id();
		}
		catch (ApplicationException ex) {
			model.addAttribute("error", ex.getMessage());
		}
		return show(this.settings.get(), model);
	}

	/** The security section: guessing budgets and the self-service limit. */
	@PostMapping("/security")
	String saveSecurity(@RequestParam String terminalFailureBudget, @RequestParam String terminalFailureWindowMinutes,
			@RequestParam String loginFailureBudget, @RequestParam String loginLockMinutes,
			@RequestParam String selfServicePerDay, @RequestParam(required = false) Integer version, Model model) {
		try {
			this.security.update(new SecuritySettings(number("terminalFailureBudget", terminalFailureBudget),
					number("terminalFailureWindowMinutes", terminalFailureWindowMinutes),
					number("loginFailureBudget", loginFailureBudget), number("loginLockMinutes", loginLockMinutes),
					number("selfServicePerDay", selfServicePerDay), version));
			model.addAttribute("message", "Security settings saved.");
		}
		catch (InvalidInputException ex) {
			model.addAttribute("securityError", ex.getMessage());
			model.addAttribute("securityErrorField", ex.field());
		}
		catch (ApplicationException ex) {
			model.addAttribute("securityError", ex.getMessage());
		}
		return show(this.settings.get(), model);
	}

	/** The one-time deletion of what users deactivated earlier still hold. */
	@PostMapping("/deactivated-credentials")
	String deleteCredentialsOfDeactivated(Model model) {
		DepartedCredentials.Deleted deleted = this.departed.deleteOfDeactivated();
		model.addAttribute("message", "Deleted " + deleted.pins() + " PINs and " + deleted.cards() + " cards of "
				+ deleted.users() + " deactivated users.");
		return show(this.settings.get(), model);
	}

	/** The terminals' section: the default login mode, self-registration of cards. */
	@PostMapping("/terminals")
	String saveTerminals(@RequestParam String defaultLoginMode, @RequestParam String cardSelfRegistration,
			@RequestParam String unknownCardBudget, @RequestParam(required = false) Integer version, Model model) {
		try {
			this.terminalSettings.update(
					new TerminalSettings(LoginMode.of(defaultLoginMode), CardSelfRegistration.of(cardSelfRegistration),
							number("unknownCardBudget", unknownCardBudget), version));
			model.addAttribute("message", "Terminal settings saved.");
		}
		catch (ApplicationException ex) {
			model.addAttribute("terminalError", ex.getMessage());
		}
		return show(this.settings.get(), model);
	}

	private static Integer number(String field, String text) {
		try {
			return Integer.valueOf(text.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException(field, field + " must be a whole number");
		}
	}

	private String show(PinSettings current, Model model) {
		model.addAttribute("security", this.security.get());
		model.addAttribute("terminalSettings", this.terminalSettings.get());
		model.addAttribute("loginModes", LoginMode.values());
		model.addAttribute("selfRegistrations", CardSelfRegistration.values());
		model.addAttribute("settings", current);
		model.addAttribute("lengths", this.pins.lengths());
		return VIEW;
	}

	private static Integer parseLength(String text) {
		try {
			return Integer.valueOf(text.strip());
		}
		catch (NumberFormatException | NullPointerException ex) {
			throw new InvalidInputException("minimalPinLength", "minimal_pin_length_out_of_range",
					"The minimal PIN length must be a whole number between 4 and 16");
		}
	}

}
