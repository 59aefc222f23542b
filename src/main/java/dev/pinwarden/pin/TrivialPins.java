package dev.pinwarden.pin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * PINs the generator never hands out, because people try them first when they guess.
 * <ul>
 * <li>One digit repeated (1111, 222222): the most guessed pattern of all.</li>
 * <li>Runs up or down by one (0123, 1234, 98765): the next most guessed.</li>
 * <li>A short block repeated (1212, 123123, 56785678): easy to see over a shoulder and
 * common among chosen PINs.</li>
 * <li>A blocklist of the most common human-chosen PINs, shipped as
 * {@code common-pins.txt} beside this class. Sources: Nick Berry, "PIN number analysis",
 * DataGenetics (2012), a study of 3.4 million leaked 4-digit PINs, whose top entries are
 * listed; and Wang, Gu, Huang, Wang, "Understanding Human-Chosen PINs: Characteristics,
 * Distribution and Security", ACM ASIA CCS 2017, for the most common 6-digit PINs. Birth
 * years and dates are blocked only where they appear in those lists, to keep enough
 * 4-digit PINs for small organisations.</li>
 * </ul>
 * Admin-entered PINs are not checked against these rules: the product spec only forbids
 * generating them, and an admin may need to import the PINs users already have.
 */
public final class TrivialPins {

	private final Set<String> blocklist;

	private TrivialPins(Set<String> blocklist) {
		this.blocklist = blocklist;
	}

	/** The rules with the shipped blocklist. */
	public static TrivialPins withShippedBlocklist() {
		try (InputStream in = TrivialPins.class.getResourceAsStream("common-pins.txt")) {
			if (in == null) {
				throw new IllegalStateException("common-pins.txt is missing from the class path");
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
			Set<String> pins = reader.lines()
				.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.collect(Collectors.toUnmodifiableSet());
			return new TrivialPins(pins);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public boolean isTrivial(String pin) {
		return isRepeatedBlock(pin) || isRun(pin, 1) || isRun(pin, -1) || this.blocklist.contains(pin);
	}

	/** One digit repeated is the block of length one. */
	private static boolean isRepeatedBlock(String pin) {
		int length = pin.length();
		for (int block = 1; block <= length / 2; block++) {
			if (length % block == 0 && pin.substring(block).equals(pin.substring(0, length - block))) {
				return true;
			}
		}
		return false;
	}

	private static boolean isRun(String pin, int step) {
		for (int i = 1; i < pin.length(); i++) {
			if (pin.charAt(i) - pin.charAt(i - 1) != step) {
				return false;
			}
		}
		return true;
	}

}
