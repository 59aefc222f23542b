package dev.pinwarden.mail;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.samskivert.mustache.Template;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.Audited;
import dev.pinwarden.InvalidInputException;
import dev.pinwarden.TextInput;

/**
 * The admin's templates: stored when edited, the shipped default otherwise. Composing a
 * mail (template plus values) happens here; sending it is the {@link SmtpMailer}'s
 * business.
 */
@Service
public class MailTemplates {

	static final int MAX_SUBJECT = 500;

	private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n]+");

	static final int MAX_BODY = 20_000;

	private final JdbcClient jdbc;

	private final MailTemplateEngine engine;

	private final MailProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	MailTemplates(JdbcClient jdbc, MailTemplateEngine engine, MailProperties properties,
			ApplicationEventPublisher events, Clock clock) {
		this.clock = clock;
		this.events = events;
		this.jdbc = jdbc;
		this.engine = engine;
		this.properties = properties;
	}

	@Transactional(readOnly = true)
	public List<MailTemplate> list() {
		return Arrays.stream(MailTemplateKind.values()).map(this::current).toList();
	}

	@Transactional(readOnly = true)
	public MailTemplate get(String id) {
		return current(kind(id));
	}

	@Transactional
	public MailTemplate update(String id, String subject, String body) {
		MailTemplateKind kind = kind(id);
		String checkedSubject = checkSubject(kind, subject);
		String checkedBody = checkBody(kind, body);
		Timestamp now = Timestamp.from(this.clock.instant());
		int updated = this.jdbc.sql("update mail_template set subject = :s, body = :b, updated_at = :t where id = :id")
			.param("s", checkedSubject)
			.param("b", checkedBody)
			.param("t", now)
			.param("id", kind.id())
			.update();
		if (updated == 0) {
			this.jdbc.sql("insert into mail_template (id, subject, body, updated_at) values (:id, :s, :b, :t)")
				.param("s", checkedSubject)
				.param("b", checkedBody)
				.param("t", now)
				.param("id", kind.id())
				.update();
		}
		this.events.publishEvent(Audited.of("template.changed", kind.id(), null));
		return MailTemplate.of(kind, checkedSubject, checkedBody);
	}

	@Transactional
	public MailTemplate revert(String id) {
		MailTemplateKind kind = kind(id);
		this.jdbc.sql("delete from mail_template where id = :id").param("id", kind.id()).update();
		this.events.publishEvent(Audited.of("template.reverted", kind.id(), null));
		return current(kind);
	}

	/**
	 * Renders the given texts, or the current ones where not given, with sample values.
	 */
	@Transactional(readOnly = true)
	public RenderedMail preview(String id, String subject, String body) {
		MailTemplateKind kind = kind(id);
		MailTemplate current = current(kind);
		String s = (subject != null) ? checkSubject(kind, subject) : current.subject();
		String b = (body != null) ? checkBody(kind, body) : current.body();
		return render(kind, s, b, kind.sampleValues(this.properties.publicUrl()));
	}

	/** A mail composer for one kind, with the current template compiled once. */
	@Transactional(readOnly = true)
	public Composer composer(MailTemplateKind kind) {
		MailTemplate current = current(kind);
		Template subject = this.engine.compile("subject", current.subject(), kind.placeholders());
		Template body = this.engine.compile("body", current.body(), kind.placeholders());
		return (values) -> {
			Map<String, String> withUrl = new java.util.HashMap<>(values);
			withUrl.put("webUrl", this.properties.publicUrl());
			return new RenderedMail(oneLine(this.engine.render(subject, withUrl)), this.engine.render(body, withUrl));
		};
	}

	/** Fills a template's placeholders for one recipient. */
	@FunctionalInterface
	public interface Composer {

		RenderedMail compose(Map<String, String> values);

	}

	private RenderedMail render(MailTemplateKind kind, String subject, String body, Map<String, String> values) {
		String renderedSubject = this.engine.render(this.engine.compile("subject", subject, kind.placeholders()),
				values);
		String renderedBody = this.engine.render(this.engine.compile("body", body, kind.placeholders()), values);
		return new RenderedMail(oneLine(renderedSubject), renderedBody);
	}

	private MailTemplate current(MailTemplateKind kind) {
		return this.jdbc.sql("select subject, body from mail_template where id = :id")
			.param("id", kind.id())
			.query((rs, row) -> MailTemplate.of(kind, rs.getString(1), rs.getString(2)))
			.optional()
			.orElseGet(() -> MailTemplate.of(kind, kind.defaultSubject(), kind.defaultBody()));
	}

	private String checkSubject(MailTemplateKind kind, String subject) {
		if (subject != null && (subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0)) {
			throw new InvalidInputException("subject", "invalid_template",
					"subject: line breaks are not allowed in a subject");
		}
		String text = TextInput.required("subject", subject, MAX_SUBJECT);
		this.engine.compile("subject", text, kind.placeholders());
		return text;
	}

	private String checkBody(MailTemplateKind kind, String body) {
		if (body == null || body.isBlank()) {
			throw new InvalidInputException("body", "body is required");
		}
		if (body.length() > MAX_BODY) {
			throw new InvalidInputException("body", "body must be at most " + MAX_BODY + " characters");
		}
		if (body.chars().anyMatch((c) -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
			throw new InvalidInputException("body", "body must not contain control characters");
		}
		this.engine.compile("body", body, kind.placeholders());
		return body;
	}

	/**
	 * Values cannot hold line breaks (input is checked), but a subject must never have
	 * one.
	 */
	private static String oneLine(String subject) {
		if (subject.indexOf('\r') < 0 && subject.indexOf('\n') < 0) {
			return subject.strip();
		}
		return LINE_BREAKS.matcher(subject).replaceAll(" ").strip();
	}

	private static MailTemplateKind kind(String id) {
		return MailTemplateKind.byId(id).orElseThrow(() -> new TemplateNotFoundException(id));
	}

}
