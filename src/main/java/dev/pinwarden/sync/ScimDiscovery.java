package dev.pinwarden.sync;

import java.util.List;
import java.util.Map;

/**
 * The SCIM discovery documents (RFC 7644 section 4): what this service provider supports.
 */
final class ScimDiscovery {

	private ScimDiscovery() {
	}

	static Map<String, Object> serviceProviderConfig(String baseUrl) {
		return Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"),
				"documentationUri", baseUrl + "/v3/api-docs", "patch", Map.of("supported", true), "bulk",
				Map.of("supported", false, "maxOperations", 0, "maxPayloadSize", 0), "filter",
				Map.of("supported", true, "maxResults", 500), "changePassword", Map.of("supported", false), "sort",
				Map.of("supported", false), "etag", Map.of("supported", false), "authenticationSchemes",
				List.of(Map.of("type", "oauthbearertoken", "name", "Bearer token", "description",
						"A SCIM token created by the Pinwarden administrator", "primary", true)),
				"meta", Map.of("resourceType", "ServiceProviderConfig", "location",
						baseUrl + "/scim/v2/ServiceProviderConfig"));
	}

	static Map<String, Object> resourceTypes(String baseUrl) {
		return listResponse(List.of(userResourceType(baseUrl)));
	}

	/** The one resource type, {@code User}, as {@code /ResourceTypes/User} answers it. */
	static Map<String, Object> userResourceType(String baseUrl) {
		return Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:ResourceType"), "id", "User", "name",
				"User", "description", "A person who unlocks printers with a PIN", "endpoint", "/Users", "schema",
				ScimUsers.USER_SCHEMA, "schemaExtensions",
				List.of(Map.of("schema", ScimUsers.CARDS_SCHEMA, "required", false)), "meta",
				Map.of("resourceType", "ResourceType", "location", baseUrl + "/scim/v2/ResourceTypes/User"));
	}

	static Map<String, Object> schemas(String baseUrl) {
		return listResponse(List.of(userSchema(baseUrl), cardsSchema(baseUrl)));
	}

	/**
	 * The extension with the user's cards: write-only, never returned, as a card number
	 * is never shown.
	 */
	static Map<String, Object> cardsSchema(String baseUrl) {
		return Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:Schema"), "id", ScimUsers.CARDS_SCHEMA,
				"name", "PinwardenUser", "description", "The ID cards that open printer terminals for the user",
				"attributes",
				List.of(Map.of("name", "cards", "type", "string", "multiValued", true, "required", false, "mutability",
						"writeOnly", "returned", "never", "uniqueness", "global", "caseExact", false, "description",
						"Card numbers (hex or decimal, as the readers send them); those the provider no longer sends are removed")),
				"meta",
				Map.of("resourceType", "Schema", "location", baseUrl + "/scim/v2/Schemas/" + ScimUsers.CARDS_SCHEMA));
	}

	/** The core User schema, with the attributes Pinwarden keeps. */
	static Map<String, Object> userSchema(String baseUrl) {
		return Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:Schema"), "id", ScimUsers.USER_SCHEMA,
				"name", "User", "description", "A person who unlocks printers with a PIN", "attributes",
				List.of(attribute("userName", "string", true, "server"),
						attribute("displayName", "string", false, "none"),
						Map.of("name", "name", "type", "complex", "multiValued", false, "required", false,
								"subAttributes",
								List.of(attribute("formatted", "string", false, "none"),
										attribute("givenName", "string", false, "none"),
										attribute("familyName", "string", false, "none"))),
						Map.of("name", "emails", "type", "complex", "multiValued", true, "required", false,
								"subAttributes",
								List.of(attribute("value", "string", false, "none"),
										attribute("type", "string", false, "none"),
										attribute("primary", "boolean", false, "none"))),
						attribute("active", "boolean", false, "none")),
				"meta",
				Map.of("resourceType", "Schema", "location", baseUrl + "/scim/v2/Schemas/" + ScimUsers.USER_SCHEMA));
	}

	private static Map<String, Object> attribute(String name, String type, boolean required, String uniqueness) {
		return Map.of("name", name, "type", type, "multiValued", false, "required", required, "mutability", "readWrite",
				"returned", "default", "uniqueness", uniqueness, "caseExact", false);
	}

	private static Map<String, Object> listResponse(List<Map<String, Object>> resources) {
		return Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:ListResponse"), "totalResults",
				resources.size(), "startIndex", 1, "itemsPerPage", resources.size(), "Resources", resources);
	}

}
