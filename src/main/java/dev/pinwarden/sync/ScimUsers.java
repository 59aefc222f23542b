package dev.pinwarden.sync;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.pinwarden.InvalidInputException;
import dev.pinwarden.user.NewUser;
import dev.pinwarden.user.SyncedUser;
import dev.pinwarden.user.User;

/**
 * Translates between SCIM 2.0 User resources (RFC 7643) and Pinwarden's users, and
 * applies SCIM PATCH operations (RFC 7644 section 3.5.2) in the forms identity providers
 * such as Entra ID and Okta send them.
 */
final class ScimUsers {

	static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";

	/**
	 * Pinwarden's extension of the User: its {@code cards}, write-only, so that a
	 * provider maps a directory attribute (an employee number, a badge id) to it.
	 */
	static final String CARDS_SCHEMA = "urn:pinwarden:params:scim:schemas:extension:2.0:User";

	private ScimUsers() {
	}

	/** The user as a SCIM resource. */
	static Map<String, Object> resource(User user, String baseUrl) {
		Map<String, Object> resource = new LinkedHashMap<>();
		resource.put("schemas", List.of(USER_SCHEMA));
		resource.put("id", String.valueOf(user.id()));
		if (user.externalId() != null) {
			resource.put("externalId", user.externalId());
		}
		resource.put("userName", user.username());
		if (user.fullName() != null) {
			resource.put("name", Map.of("formatted", user.fullName()));
			resource.put("displayName", user.fullName());
		}
		if (user.email() != null) {
			resource.put("emails", List.of(Map.of("value", user.email(), "type", "work", "primary", true)));
		}
		resource.put("active", user.active());
		Map<String, Object> meta = new LinkedHashMap<>();
		meta.put("resourceType", "User");
		meta.put("created", user.createdAt().toString());
		meta.put("lastModified", user.updatedAt().toString());
		meta.put("location", baseUrl + "/scim/v2/Users/" + user.id());
		resource.put("meta", meta);
		return resource;
	}

	/** A user from a full SCIM resource (POST, PUT). */
	static SyncedUser fromResource(JsonNode resource) {
		State state = new State(null, null, null, true, null);
		state.applyObject(resource);
		return state.toSyncedUser();
	}

	/** The user after a PATCH request's operations. */
	static SyncedUser patched(User user, JsonNode patch) {
		// the cards are not known in clear: a PATCH that names them sets them all
		State state = new State(user.username(), user.fullName(), user.email(), user.active(), user.externalId());
		JsonNode operations = patch.path("Operations");
		if (!operations.isArray() || operations.isEmpty()) {
			throw invalid("invalidSyntax", "A PATCH request needs a non-empty 'Operations' array");
		}
		for (JsonNode operation : operations) {
			String op = operation.path("op").asString("").toLowerCase(Locale.ROOT);
			if (!List.of("add", "replace", "remove").contains(op)) {
				throw invalid("invalidSyntax", "Unknown PATCH op '" + operation.path("op").asString("") + "'");
			}
			String path = operation.path("path").asString(null);
			JsonNode value = operation.path("value");
			if (path == null || path.isBlank()) {
				if (op.equals("remove") || !value.isObject()) {
					throw invalid("noTarget", "A PATCH operation without a path needs an object value");
				}
				state.applyObject(value);
			}
			else {
				state.applyPath(path.strip(), op.equals("remove") ? null : value);
			}
		}
		return state.toSyncedUser();
	}

	static InvalidInputException invalid(String scimType, String message) {
		return new InvalidInputException(scimType, "scim_" + scimType, message);
	}

	/** The attributes Pinwarden keeps, while a request is applied to them. */
	private static final class State {

		String userName;

		String fullName;

		String email;

		boolean active;

		String givenName;

		String familyName;

		/** The cards the request sets; {@code null}: it says nothing of cards. */
		List<String> cards;

		/**
		 * The provider's own id of the user, kept and answered, unique among the
		 * provider's users; the SCIM {@code id} is what requests name a user by.
		 */
		String externalId;

		State(String userName, String fullName, String email, boolean active, String externalId) {
			this.externalId = externalId;
			this.userName = userName;
			this.fullName = fullName;
			this.email = email;
			this.active = active;
		}

		void applyObject(JsonNode object) {
			for (Map.Entry<String, JsonNode> field : object.properties()) {
				if (!field.getKey().equals("schemas") && !field.getKey().equals("meta")
						&& !field.getKey().equals("id")) {
					applyPath(field.getKey(), field.getValue());
				}
			}
		}

		/**
		 * Sets (or with a {@code null} value removes) one attribute. Unknown ones are
		 * ignored, as RFC 7643 allows.
		 */
		void applyPath(String path, JsonNode value) {
			String key = path.toLowerCase(Locale.ROOT);
			if (key.startsWith(USER_SCHEMA.toLowerCase(Locale.ROOT) + ":")) {
				key = key.substring(USER_SCHEMA.length() + 1);
			}
			String extension = CARDS_SCHEMA.toLowerCase(Locale.ROOT);
			if (key.equals(extension)) {
				applyExtension(value);
				return;
			}
			if (key.startsWith(extension + ":")) {
				key = "cards:" + key.substring(extension.length() + 1);
			}
			switch (key) {
				case "cards:cards" -> this.cards = ScimCards.of(value);
				case "username" -> this.userName = text(value);
				case "externalid" -> this.externalId = text(value);
				case "active" -> this.active = bool(value);
				case "displayname", "name.formatted" -> this.fullName = text(value);
				case "name.givenname" -> this.givenName = text(value);
				case "name.familyname" -> this.familyName = text(value);
				case "name" -> applyName(value);
				case "emails" -> this.email = email(value);
				default -> {
					if (key.startsWith("emails[")) {
						this.email = (value == null) ? null : (value.isObject() ? email(value) : text(value));
					}
					else if (key.startsWith("name.") || key.startsWith("emails.")) {
						throw invalid("invalidPath", "The attribute path '" + path + "' is not supported");
					}
					// other attributes (title, enterprise extension...) are not kept
				}
			}
		}

		/** The extension as an object: {@code {"cards": [...]}}; removed: no cards. */
		private void applyExtension(JsonNode value) {
			List<String> cards = ScimCards.ofExtension(value);
			if (cards != null) {
				this.cards = cards;
			}
		}

		private void applyName(JsonNode name) {
			if (name == null || name.isNull()) {
				this.fullName = null;
				return;
			}
			if (name.hasNonNull("formatted")) {
				this.fullName = name.path("formatted").asString();
			}
			if (name.hasNonNull("givenName")) {
				this.givenName = name.path("givenName").asString();
			}
			if (name.hasNonNull("familyName")) {
				this.familyName = name.path("familyName").asString();
			}
		}

		SyncedUser toSyncedUser() {
			String name = this.fullName;
			if (name == null && (this.givenName != null || this.familyName != null)) {
				name = ((this.givenName != null) ? this.givenName : "") + " "
						+ ((this.familyName != null) ? this.familyName : "");
			}
			if (this.userName == null || this.userName.isBlank()) {
				throw invalid("invalidValue", "userName is required");
			}
			try {
				return new SyncedUser(0,
						new NewUser(this.userName, (name != null) ? name.strip() : null, this.email, null), this.active,
						this.cards, this.externalId);
			}
			catch (InvalidInputException ex) {
				throw invalid("invalidValue", ex.getMessage());
			}
		}

		private static String text(JsonNode value) {
			if (value == null || value.isNull()) {
				return null;
			}
			if (!value.isValueNode()) {
				throw invalid("invalidValue", "Expected a text value, found " + value.getNodeType());
			}
			return value.asString();
		}

		/** Entra ID sends "True"/"False" as strings; both forms are accepted. */
		private static boolean bool(JsonNode value) {
			if (value != null && value.isBoolean()) {
				return value.asBoolean();
			}
			String text = (value != null) ? value.asString("").toLowerCase(Locale.ROOT) : "";
			if (text.equals("true") || text.equals("false")) {
				return text.equals("true");
			}
			throw invalid("invalidValue", "active must be true or false");
		}

		/** The primary address of a multi-valued {@code emails}, else its first. */
		private static String email(JsonNode emails) {
			if (emails == null || emails.isNull()) {
				return null;
			}
			if (emails.isObject()) {
				return text(emails.path("value"));
			}
			if (!emails.isArray()) {
				throw invalid("invalidValue", "emails must be a list of {value, type, primary}");
			}
			JsonNode chosen = null;
			for (JsonNode email : emails) {
				if (chosen == null || email.path("primary").asBoolean(false)) {
					chosen = email;
				}
			}
			return (chosen != null) ? text(chosen.path("value")) : null;
		}

	}

}
