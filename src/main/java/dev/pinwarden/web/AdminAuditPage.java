package dev.pinwarden.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.pinwarden.InvalidInputException;
import dev.pinwarden.audit.AuditLog;
import dev.pinwarden.audit.AuditQuery;

/** The audit log, newest first, filtered by user and kind of event. */
@Controller
class AdminAuditPage {

	private static final int PAGE_SIZE = 50;

	private final AuditLog audit;

	AdminAuditPage(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping("/admin/audit")
	String show(@RequestParam(required = false) String user, @RequestParam(required = false) String action,
			@RequestParam(defaultValue = "0") int page, Model model) {
		Long userId = null;
		try {
			userId = (user == null || user.isBlank()) ? null : Long.valueOf(user.strip());
			String kind = (action == null || action.isBlank()) ? null : action.strip();
			model.addAttribute("result",
					this.audit.search(new AuditQuery(userId, kind, null, null, Math.max(0, page), PAGE_SIZE)));
		}
		catch (NumberFormatException | InvalidInputException ex) {
			model.addAttribute("error", "The user must be a user id, and the event kind at most 60 characters");
			model.addAttribute("result", this.audit.search(new AuditQuery(null, null, null, null, 0, PAGE_SIZE)));
		}
		model.addAttribute("user", user);
		model.addAttribute("action", action);
		return "admin/audit";
	}

}
