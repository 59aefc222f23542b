package dev.pinwarden.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

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

	/** The path of the cards, with or without the extension's schema. */
	private static final Pattern CARDS = Pattern
		.compile("(?i)(" + Pattern.quote(CARDS_SCHEMA) + ":)?cards|" + Pattern.quote(CARDS_SCHEMA));

	/** The path of one card: {@code cards[value eq "04A22B7C"]}. */
	private static final Pattern ONE_CARD = Pattern
		.compile("(?i)(?:" + Pattern.quote(CARDS_SCHEMA) + ":)?cards\\[\\s*value\\s+eq\\s+\"([^\"]*)\"\\s*]");

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
		state.applyObject(resource, "replace");
		return state.toSyncedUser();
	}

	/**
	 * The user after a PATCH request's operations, and the cards they add and remove when
	 * they do not set them all (the cards are not known in clear: an {@code add} or a
	 * {@code remove} of some is applied to the stored ones).
	 */
	static ScimPatch patched(User user, JsonNode patch) {
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
				state.applyObject(value, op);
			}
			else {
				state.applyPath(path.strip(), (op.equals("remove") && value.isMissingNode()) ? null : value, op);
			}
		}
		return new ScimPatch(state.toSyncedUser(), state.cardsAdded, state.cardsRemoved);
	}

	/**
	 * A PATCH: the user after it, and, when it does not set all the provider's cards of
	 * the user, those it adds and removes.
	 */
	record ScimPatch(SyncedUser user, List<String> cardsAdded, List<String> cardsRemoved) {

		@Override
		public String toString() {
			return "ScimPatch[" + this.user + ", " + this.cardsAdded.size() + " cards added, "
					+ this.cardsRemoved.size() + " removed]";
		}

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

		/** The cards the request sets; {@code null}: it sets none. */
		List<String> cards;

		/** The cards it adds to and removes from the stored ones, when it sets none. */
		final List<String> cardsAdded = new ArrayList<>();

		final List<String> cardsRemoved = new ArrayList<>();

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

		void applyObject(JsonNode object, String op) {
			for (Map.Entry<String, JsonNode> field : object.properties()) {
				if (!field.getKey().equals("schemas") && !field.getKey().equals("meta")
						&& !field.getKey().equals("id")) {
					applyPath(field.getKey(), field.getValue(), op);
				}
			}
		}

		/**
		 * Applies one operation ({@code add}, {@code replace}, {@code remove}) to one
		 * attribute: the cards as RFC 7644 says of a multi-valued attribute, the others
		 * set (or with a remove, or a {@code null} value, removed). Unknown attributes
		 * are ignored, as RFC 7643 allows.
		 */
		void applyPath(String path, JsonNode value, String op) {
			Matcher oneCard = ONE_CARD.matcher(path);
			if (oneCard.matches()) {
				if (!op.equals("remove")) {
					throw invalid("invalidPath", "A card is added with the path 'cards' and its number as the value");
				}
				applyCards(StringNode.valueOf(oneCard.group(1)), op);
				return;
			}
			if (op.equals("remove") && !CARDS.matcher(path).matches()) {
				value = null;
			}
			String key = path.toLowerCase(Locale.ROOT);
			if (key.startsWith(USER_SCHEMA.toLowerCase(Locale.ROOT) + ":")) {
				key = key.substring(USER_SCHEMA.length() + 1);
			}
			String extension = CARDS_SCHEMA.toLowerCase(Locale.ROOT);
			if (key.equals(extension)) {
				applyExtension(value, op);
				return;
			}
			if (key.startsWith(extension + ":")) {
				key = "cards:" + key.substring(extension.length() + 1);
			}
			switch (key) {
				case "cards:cards", "cards" -> applyCards(value, op);
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
		private void applyExtension(JsonNode value, String op) {
			if (op.equals("remove") || value == null || value.isNull()) {
				applyCards(null, "replace");
			}
			else if (ScimCards.ofExtension(value) != null) {
				applyCards(value.get("cards"), op);
			}
		}

		/**
		 * Cards: {@code replace} sets them all; {@code add} adds these; {@code remove}
		 * removes these, or with no value all.
		 */
		private void applyCards(JsonNode value, String op) {
			List<String> numbers = ScimCards.of(value);
			if (op.equals("replace") || (op.equals("remove") && numbers.isEmpty())) {
				this.cards = new ArrayList<>(op.equals("replace") ? numbers : List.of());
				this.cardsAdded.clear();
				this.cardsRemoved.clear();
			}
			else if (this.cards != null) {
				// after a replace in the same request: change what it set
				this.cards.removeIf((card) -> ScimCards.contains(numbers, card));
				if (op.equals("add")) {
					this.cards.addAll(numbers);
				}
			}
			else {
				List<String> to = op.equals("add") ? this.cardsAdded : this.cardsRemoved;
				List<String> from = op.equals("add") ? this.cardsRemoved : this.cardsAdded;
				from.removeIf((card) -> ScimCards.contains(numbers, card));
				to.addAll(numbers);
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
