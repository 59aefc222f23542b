package dev.pinwarden.sync;

import java.util.HexFormat;
import java.util.List;

import com.unboundid.ldap.sdk.SearchResultEntry;

/**
 * The stable id of a directory entry, which stays when the person is renamed: the
 * configured attribute's value, or by default {@code objectGUID} (Active Directory) or
 * else {@code entryUUID} (RFC 4530: OpenLDAP, 389, and most others). Both are operational
 * or binary attributes a search returns only when it names them.
 */
final class LdapIds {

	static final String OBJECT_GUID = "objectGUID";

	static final String ENTRY_UUID = "entryUUID";

	private LdapIds() {
	}

	static List<String> attributesToRead(String configured) {
		return (configured != null) ? List.of(configured) : List.of(OBJECT_GUID, ENTRY_UUID);
	}

	/**
	 * The entry's stable id, or {@code null} when it has none: an {@code objectGUID} (16
	 * bytes) always as hex, another binary value as hex, a text value as it is.
	 */
	static String of(SearchResultEntry entry, String configured) {
		for (String name : attributesToRead(configured)) {
			byte[] value = entry.getAttributeValueBytes(name);
			if (value != null && value.length > 0) {
				return name.equalsIgnoreCase(OBJECT_GUID) ? HexFormat.of().formatHex(value) : LdapCards.text(value);
			}
		}
		return null;
	}

}
