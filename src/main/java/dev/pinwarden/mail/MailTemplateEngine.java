package dev.pinwarden.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import com.samskivert.mustache.BasicCollector;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;

import org.springframework.stereotype.Component;

import dev.pinwarden.InvalidInputException;

/**
 * Mustache for admin-edited templates. Logic-less by design, and locked down further:
 * values are looked up in a map only (no reflection on objects, so no template can call a
 * method), no partials, no dotted names. A template may use only the placeholders of its
 * kind; anything else is refused when it is saved, with the line it is on. Mails are
 * plain text, so nothing is HTML-escaped; a missing value renders as nothing.
 */
@Component
class MailTemplateEngine {

	private static final String UNCLOSED = "a tag opened with {{ is not closed with }}";

	private final Mustache.Compiler compiler = Mustache.compiler()
		.escapeHTML(false)
		.strictSections(true)
		.emptyStringIsFalse(true)
		.nullValue("")
		.withCollector(new MapOnlyCollector())
		.withLoader((name) -> {
			throw new IllegalArgumentException("partials are not supported");
		});

	/**
	 * Compiles a template and checks every name it uses, refusing it naming the problem.
	 */
	Template compile(String field, String text, Set<String> allowed) {
		Template template;
		try {
			template = this.compiler.compile(text);
		}
		catch (MustacheException ex) {
			throw new InvalidInputException(field, "invalid_template", field + ": " + ex.getMessage());
		}
		List<String> problems = new ArrayList<>();
		Set<String> unknown = new TreeSet<>();
		template.visit(new Mustache.Visitor() {
			@Override
			public void visitText(String text) {
				// Mustache leaves an unclosed tag as text; in a mail it is surely a typo
				if (text.contains("{{") && !problems.contains(UNCLOSED)) {
					problems.add(UNCLOSED);
				}
			}

			@Override
			public void visitVariable(String name) {
				check(name);
			}

			@Override
			public boolean visitInclude(String name) {
				problems.add("partials such as {{>" + name + "}} are not supported");
				return false;
			}

			@Override
			public boolean visitParent(String name) {
				problems.add("template inheritance such as {{<" + name + "}} is not supported");
				return false;
			}

			@Override
			public boolean visitBlock(String name) {
				problems.add("blocks such as {{$" + name + "}} are not supported");
				return false;
			}

			@Override
			public boolean visitSection(String name) {
				check(name);
				return true;
			}

			@Override
			public boolean visitInvertedSection(String name) {
				check(name);
				return true;
			}

			private void check(String name) {
				if (!allowed.contains(name)) {
					unknown.add(name);
				}
			}
		});
		if (!unknown.isEmpty()) {
			problems.add(0, "unknown placeholder" + ((unknown.size() > 1) ? "s " : " ")
					+ String.join(", ", unknown.stream().map((name) -> "{{" + name + "}}").toList()) + "; allowed are "
					+ String.join(", ", allowed.stream().sorted().map((n) -> "{{" + n + "}}").toList()));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(field, "invalid_template", field + ": " + String.join("; ", problems));
		}
		return template;
	}

	String render(Template template, Map<String, String> values) {
		return template.execute(values);
	}

	/** Looks values up in maps and nowhere else: no getters, no fields, no methods. */
	private static final class MapOnlyCollector extends BasicCollector {

		@Override
		public <K, V> Map<K, V> createFetcherCache() {
			return new ConcurrentHashMap<>();
		}

	}

}
