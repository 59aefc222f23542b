package dev.pinwarden.card;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a terminal does to the number its reader sends before it is looked up, one step
 * after the other, as readers send one card differently (hex or decimal, either byte
 * order, with a facility code or without): {@code hex-to-decimal}, {@code decimal-to-hex}
 * (whole bytes: an even number of hex digits), {@code reverse-bytes} (of a hex number),
 * {@code strip-leading-zeros}, and {@code {"regex": "..."}}, which keeps the first group
 * of the first match. Steps work on the normalised number ({@link CardNumber}).
 */
public final class CardConversion {

	static final int MAX_STEPS = 10;

	private static final String REGEX_LINE = "regex:";

	static final int MAX_PATTERN_LENGTH = 200;

	private static final Pattern HEX = Pattern.compile("[0-9A-F]+");

	private static final Pattern DECIMAL = Pattern.compile("[0-9]+");

	private final List<Object> spec;

	private final List<Step> steps;

	private CardConversion(List<Object> spec, List<Step> steps) {
		this.spec = spec;
		this.steps = steps;
	}

	/** No step: the number as the reader sends it. */
	public static CardConversion none() {
		return new CardConversion(List.of(), List.of());
	}

	/**
	 * The steps as the API and the database write them: names, and maps with one
	 * {@code regex}.
	 * @throws CardConversionInvalidException naming the step that is not one
	 */
	public static CardConversion of(List<?> spec) {
		if (spec == null) {
			return none();
		}
		if (spec.size() > MAX_STEPS) {
			throw new CardConversionInvalidException("at most " + MAX_STEPS + " steps");
		}
		List<Object> kept = new ArrayList<>();
		List<Step> steps = new ArrayList<>();
		for (int i = 0; i < spec.size(); i++) {
			Object item = spec.get(i);
			String where = "step " + (i + 1) + ": ";
			if (item instanceof String name) {
				steps.add(named(name, where));
				kept.add(name);
			}
			else if (item instanceof Map<?, ?> map && map.size() == 1 && map.get("regex") instanceof String regex) {
				steps.add(regex(regex, where));
				kept.add(Map.of("regex", regex));
			}
			else {
				throw new CardConversionInvalidException(where
						+ "a step is one of hex-to-decimal, decimal-to-hex, reverse-bytes, strip-leading-zeros or {\"regex\": \"...\"}");
			}
		}
		return new CardConversion(List.copyOf(kept), List.copyOf(steps));
	}

	/**
	 * The steps as a page writes them: one a line, a pattern as {@code regex: ...}.
	 * @throws CardConversionInvalidException naming the line that is not a step
	 */
	public static CardConversion ofLines(String text) {
		List<Object> spec = new ArrayList<>();
		for (String line : (text == null) ? new String[0] : text.split("\\R")) {
			String step = line.strip();
			if (step.startsWith(REGEX_LINE)) {
				spec.add(Map.of("regex", step.substring(REGEX_LINE.length()).strip()));
			}
			else if (!step.isEmpty()) {
				spec.add(step);
			}
		}
		return of(spec);
	}

	/** The steps as {@link #ofLines} takes them. */
	public String lines() {
		StringBuilder lines = new StringBuilder();
		for (Object step : this.spec) {
			lines.append((step instanceof Map<?, ?> map) ? REGEX_LINE + " " + map.get("regex") : step).append('\n');
		}
		return lines.toString();
	}

	/** The steps, as {@link #of} takes them. */
	public List<Object> spec() {
		return this.spec;
	}

	/**
	 * What the reader's number becomes.
	 * @throws CardInvalidException naming the step that could not take it (a letter where
	 * a decimal number was expected, a pattern that does not match)
	 */
	public CardNumber apply(CardNumber read) {
		String number = read.value();
		for (int i = 0; i < this.steps.size(); i++) {
			number = this.steps.get(i).apply(number, "step " + (i + 1) + " of the terminal's card conversion: ");
		}
		return CardNumber.of(number);
	}

	private static Step named(String name, String where) {
		return switch (name) {
			case "hex-to-decimal" ->
				(number, at) -> new BigInteger(require(HEX, number, at, "a hex number"), 16).toString(10);
			case "decimal-to-hex" -> (number, at) -> evenLength(
					new BigInteger(require(DECIMAL, number, at, "a decimal number"), 10).toString(16));
			case "reverse-bytes" -> (number, at) -> reverseBytes(evenLength(require(HEX, number, at, "a hex number")));
			case "strip-leading-zeros" -> (number, at) -> {
				String stripped = number.replaceFirst("^0+", "");
				return stripped.isEmpty() ? "0" : stripped;
			};
			default -> throw new CardConversionInvalidException(where + "unknown step '" + name
					+ "'; known: hex-to-decimal, decimal-to-hex, reverse-bytes, strip-leading-zeros, {\"regex\": \"...\"}");
		};
	}

	private static Step regex(String regex, String where) {
		if (regex.length() > MAX_PATTERN_LENGTH) {
			throw new CardConversionInvalidException(
					where + "a pattern has at most " + MAX_PATTERN_LENGTH + " characters");
		}
		Pattern pattern;
		try {
			pattern = Pattern.compile(regex);
		}
		catch (PatternSyntaxException ex) {
			throw new CardConversionInvalidException(where + "not a pattern: " + ex.getDescription());
		}
		if (pattern.matcher("").groupCount() < 1) {
			throw new CardConversionInvalidException(where + "the pattern needs a group, (...), to keep");
		}
		return (number, at) -> {
			Matcher matcher = pattern.matcher(new BoundedReads(number, at));
			if (!matcher.find() || matcher.group(1) == null || matcher.group(1).isEmpty()) {
				throw new CardInvalidException(at + "the number does not match the pattern");
			}
			return matcher.group(1);
		};
	}

	/**
	 * A number as a pattern reads it: a pattern that backtracks without end on some
	 * numbers ({@code (.*1){12}A} on a few dozen ones) is stopped after a bounded number
	 * of reads, far more than any card number needs, instead of spinning while the
	 * terminal's next checks wait.
	 */
	private static final class BoundedReads implements CharSequence {

		private static final int MOST_READS = 1_000_000;

		private final String text;

		private final String at;

		private int reads;

		BoundedReads(String text, String at) {
			this.text = text;
			this.at = at;
		}

		@Override
		public char charAt(int index) {
			if (++this.reads > MOST_READS) {
				throw new CardInvalidException(this.at + "the pattern takes too long on this number");
			}
			return this.text.charAt(index);
		}

		@Override
		public int length() {
			return this.text.length();
		}

		@Override
		public CharSequence subSequence(int start, int end) {
			return this.text.subSequence(start, end);
		}

		@Override
		public String toString() {
			return this.text;
		}

	}

	private static String require(Pattern pattern, String number, String at, String what) {
		if (!pattern.matcher(number).matches()) {
			throw new CardInvalidException(at + "the number is not " + what);
		}
		return number;
	}

	private static String evenLength(String hex) {
		String upper = hex.toUpperCase(java.util.Locale.ROOT);
		return (upper.length() % 2 == 0) ? upper : "0" + upper;
	}

	private static String reverseBytes(String hex) {
		StringBuilder reversed = new StringBuilder(hex.length());
		for (int i = hex.length() - 2; i >= 0; i -= 2) {
			reversed.append(hex, i, i + 2);
		}
		return reversed.toString();
	}

	@FunctionalInterface
	private interface Step {

		String apply(String number, String at);

	}

}
