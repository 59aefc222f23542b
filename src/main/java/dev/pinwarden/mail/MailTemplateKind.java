package dev.pinwarden.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The mails Pinwarden sends, each with the placeholders its template may use and sample
 * values for the preview. Default texts are shipped beside this class as
 * {@code <id>.subject.txt} and {@code <id>.body.txt}.
 */
public enum MailTemplateKind {

	NEW_PIN("new-pin", "pin"), PIN_RESET_CODE("pin-reset-code", "resetCode", "resetCodeValidMinutes"),
	CARD_REGISTERED("card-registered", "cardHint", "terminalName"), TEMPORARY_PIN("temporary-pin", "pin", "expiresAt");

	private final String id;

	private final Set<String> placeholders;

	private final String defaultSubject;

	private final String defaultBody;

	MailTemplateKind(String id, String... own) {
		this.id = id;
		// every template may address its user and link to the web page
		java.util.Set<String> all = new java.util.TreeSet<>(List.of("username", "fullName", "email", "webUrl"));
		all.addAll(Arrays.asList(own));
		this.placeholders = Set.copyOf(all);
		this.defaultSubject = resource(id + ".subject.txt").strip();
		this.defaultBody = resource(id + ".body.txt");
	}

	public String id() {
		return this.id;
	}

	public Set<String> placeholders() {
		return this.placeholders;
	}

	public String defaultSubject() {
		return this.defaultSubject;
	}

	public String defaultBody() {
		return this.defaultBody;
	}

	public static Optional<MailTemplateKind> byId(String id) {
		return Arrays.stream(values()).filter((kind) -> kind.id.equals(id)).findFirst();
	}

	/** Made-up values for the preview: never a real user's. */
	Map<String, String> sampleValues(String webUrl) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("username", "jdoe");
		values.put("fullName", "Jane Doe");
		values.put("email", "jane.doe@example.org");
		values.put("webUrl", webUrl);
		values.put("pin", "4831");
		values.put("resetCode", "K7PX-M2QD");
		values.put("resetCodeValidMinutes", "10");
		values.put("cardHint", "3F2A");
		values.put("terminalName", "Printer hall");
		values.put("expiresAt", "2026-06-30 17:00 UTC");
		values.keySet().retainAll(this.placeholders);
		return values;
	}

	private static String resource(String name) {
		try (InputStream in = MailTemplateKind.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("Missing default mail template " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
