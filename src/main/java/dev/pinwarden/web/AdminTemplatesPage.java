package dev.pinwarden.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.pinwarden.InvalidInputException;
import dev.pinwarden.mail.MailTemplate;
import dev.pinwarden.mail.MailTemplates;
import dev.pinwarden.mail.RenderedMail;

/** The two mail templates: edit, preview live (htmx), save, revert to the defaults. */
@Controller
@RequestMapping("/admin/email-templates")
class AdminTemplatesPage {

	private static final String VIEW = "admin/email-templates";

	private final MailTemplates templates;

	AdminTemplatesPage(MailTemplates templates) {
		this.templates = templates;
	}

	@GetMapping
	String list(Model model) {
		java.util.List<MailTemplate> all = this.templates.list();
		java.util.Map<String, RenderedMail> previews = new java.util.HashMap<>();
		for (MailTemplate template : all) {
			previews.put(template.id(), this.templates.preview(template.id(), null, null));
		}
		model.addAttribute("templates", all);
		model.addAttribute("previews", previews);
		return VIEW;
	}

	@PostMapping("/{id}")
	String save(@PathVariable String id, @RequestParam String subject, @RequestParam String body, Model model) {
		try {
			this.templates.update(id, subject, body);
			model.addAttribute("message", "The template '" + id + "' was saved.");
		}
		catch (InvalidInputException ex) {
			model.addAttribute("failedId", id);
			model.addAttribute("failedSubject", subject);
			model.addAttribute("failedBody", body);
			model.addAttribute("errorField", ex.field());
			model.addAttribute("fieldError", ex.getMessage());
		}
		return list(model);
	}

	@PostMapping("/{id}/revert")
	String revert(@PathVariable String id, Model model) {
		this.templates.revert(id);
		model.addAttribute("message", "The template '" + id + "' is back to its default text.");
		return list(model);
	}

	/** The preview fragment, rendered with sample values while the admin types. */
	@PostMapping("/{id}/preview")
	String preview(@PathVariable String id, @RequestParam(required = false) String subject,
			@RequestParam(required = false) String body, Model model) {
		try {
			RenderedMail preview = this.templates.preview(id, subject, body);
			model.addAttribute("preview", preview);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("previewError", ex.getMessage());
		}
		MailTemplate template = this.templates.get(id);
		model.addAttribute("t", template);
		return "admin/email-template-preview :: preview";
	}

}
