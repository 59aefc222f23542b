package dev.pinwarden.sync;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.SearchResultEntry;

/** The card numbers of a directory entry's card attribute. */
final class LdapCards {

	private LdapCards() {
	}

	/**
	 * The values of the card attribute, or {@code null} when the directory brings no
	 * cards (no attribute configured): a text value as it is, a binary one (a UID kept as
	 * bytes) as hex.
	 */
	static List<String> of(SearchResultEntry entry, String cardAttribute) {
		if (cardAttribute == null) {
			return null;
		}
		Attribute attribute = entry.getAttribute(cardAttribute);
		if (attribute == null) {
			return List.of();
		}
		List<String> cards = new ArrayList<>();
		for (byte[] value : attribute.getValueByteArrays()) {
			cards.add(text(value));
		}
		return cards;
	}

	/** A value as text: as it is when it is printable ASCII, as hex when it is binary. */
	static String text(byte[] value) {
		return isPrintable(value) ? new String(value, StandardCharsets.US_ASCII)
				: HexFormat.of().withUpperCase().formatHex(value);
	}

	private static boolean isPrintable(byte[] value) {
		for (byte b : value) {
			if (b < 0x20 || b > 0x7e) {
				return false;
			}
		}
		return value.length > 0;
	}

}
