package dev.pinwarden.user;

import java.util.Map;
import java.util.Set;

import dev.pinwarden.InvalidInputException;
import dev.pinwarden.TextInput;

/**
 * A partial change of a user, as in a JSON merge patch: a member that is absent leaves
 * the value alone, {@code null} clears it (full name, email).
 */
public record UserChanges(boolean changesFullName, String fullName, boolean changesEmail, String email,
		Boolean active) {

	private static final Set<String> KNOWN = Set.of("fullName", "email", "active");

	/**
	 * Reads the change from a parsed JSON object, refusing unknown members and wrong
	 * types.
	 */
	public static UserChanges of(Map<String, Object> patch) {
		for (String key : patch.keySet()) {
			if (!KNOWN.contains(key)) {
				throw new InvalidInputException(key, "unknown_field",
						key + " cannot be changed; changeable are fullName, email and active");
			}
		}
		Object active = patch.get("active");
		if (patch.containsKey("active") && !(active instanceof Boolean)) {
			throw new InvalidInputException("active", "active must be true or false");
		}
		return new UserChanges(patch.containsKey("fullName"),
				TextInput.optional("fullName", text(patch, "fullName"), UserLimits.FULL_NAME),
				patch.containsKey("email"), UserLimits.email(text(patch, "email")), (Boolean) active);
	}

	private static String text(Map<String, Object> patch, String key) {
		Object value = patch.get(key);
		if (value != null && !(value instanceof String)) {
			throw new InvalidInputException(key, key + " must be a string");
		}
		return (String) value;
	}

}
