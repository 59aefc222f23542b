package dev.pinwarden.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.pinwarden.ApplicationException;
import dev.pinwarden.InvalidInputException;
import dev.pinwarden.sync.LdapSourceChange;
import dev.pinwarden.sync.LdapSync;

/** The LDAP / Active Directory source: configure, test the connection, sync now. */
@Controller
@RequestMapping("/admin/users/ldap")
class AdminLdapPage {

	private final LdapSync ldap;

	AdminLdapPage(LdapSync ldap) {
		this.ldap = ldap;
	}

	@GetMapping
	String show(Model model) {
		model.addAttribute("source", this.ldap.find().orElse(null));
		return "admin/ldap";
	}

	@PostMapping
	String save(@RequestParam String url, @RequestParam(required = false) String bindDn,
			@RequestParam(required = false) String bindPassword, @RequestParam String baseDn,
			@RequestParam(required = false) String filter, @RequestParam(required = false) String usernameAttribute,
			@RequestParam(required = false) String fullNameAttribute,
			@RequestParam(required = false) String emailAttribute,
			@RequestParam(defaultValue = "false") boolean deactivateMissing,
			@RequestParam(required = false) String schedule, @RequestParam(required = false) String tls,
			@RequestParam(required = false) String caCertificate, @RequestParam(required = false) String cardAttribute,
			@RequestParam(required = false) String uniqueIdAttribute, Model model) {
		try {
			// an empty password field keeps the stored password
			this.ldap.configure(new LdapSourceChange(url, bindDn,
					(bindPassword == null || bindPassword.isEmpty()) ? null : bindPassword, baseDn, filter,
					usernameAttribute, fullNameAttribute, emailAttribute, deactivateMissing, schedule, tls,
					caCertificate, cardAttribute, uniqueIdAttribute));
			model.addAttribute("message", "The directory source was saved.");
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errorField", ex.field());
			model.addAttribute("error", ex.getMessage());
		}
		return show(model);
	}

	@PostMapping("/test")
	String test(Model model) {
		try {
			int found = this.ldap.test();
			model.addAttribute("message", "Connected and bound; the search found " + (found > 0 ? "users" : "no users")
					+ " under the base DN.");
		}
		catch (ApplicationException ex) {
			model.addAttribute("error", ex.getMessage());
		}
		return show(model);
	}

	@PostMapping("/run")
	String run(Model model) {
		try {
			return "redirect:/admin/jobs/" + this.ldap.start().id();
		}
		catch (ApplicationException ex) {
			model.addAttribute("error", ex.getMessage());
		}
		return show(model);
	}

}
