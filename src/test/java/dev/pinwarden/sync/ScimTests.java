package dev.pinwarden.sync;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.TestApi;
import dev.pinwarden.support.TestApi.Response;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;

/** An identity provider provisioning users over SCIM 2.0, as Entra ID and Okta do. */
abstract class ScimTests extends ApiIntegrationTest {

	private static final String SCIM_JSON = "application/scim+json";

	private TestApi idp;

	private String token;

	@BeforeEach
	void anIdentityProviderWithAToken() {
		this.jdbc.sql("delete from scim_token").update();
		Response created = this.api.post("/api/v1/scim-tokens", "{\"name\":\"Entra ID\"}");
		assertThat(created.status()).isEqualTo(201);
		this.token = created.json().path("token").asString();
		this.idp = TestApi.anonymous(this.port).withBearer(this.token);
	}

	@Test
	void createsAUserThatGetsAMailedPinWhichWorks() {
		Response created = this.idp.send("POST", "/scim/v2/Users",
				"""
						{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"alice@example.org",
						 "name":{"givenName":"Alice","familyName":"Smith"},"displayName":"Alice Smith",
						 "emails":[{"value":"other@example.org","type":"home"},{"value":"alice@example.org","type":"work","primary":true}],
						 "active":true,"externalId":"a1b2"}""",
				SCIM_JSON);

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.header("Content-Type")).startsWith(SCIM_JSON);
		JsonNode user = created.json();
		assertThat(user.path("id").asString()).isNotEmpty();
		assertThat(user.path("userName").asString()).isEqualTo("alice@example.org");
		assertThat(user.path("name").path("formatted").asString()).isEqualTo("Alice Smith");
		assertThat(user.path("emails").get(0).path("value").asString()).isEqualTo("alice@example.org");
		assertThat(user.path("meta").path("location").asString())
			.isEqualTo("https://print.example.org/scim/v2/Users/" + user.path("id").asString());
		assertThat(created.header("Location")).isEqualTo(user.path("meta").path("location").asString());
		assertThat(created.text()).doesNotContain("pin");

		String pin = this.smtp.awaitPinMailedTo("alice@example.org");
		assertThat(newTerminal().authenticate(pin).json().path("username").asString()).isEqualTo("alice@example.org");
		assertThat(this.api.get("/api/v1/users/" + user.path("id").asString()).json().path("source").asString())
			.isEqualTo("scim");
	}

	@Test
	void findsUsersByUserNameAndPagesThroughAll() {
		for (String name : new String[] { "bob", "carol", "dave" }) {
			this.idp.send("POST", "/scim/v2/Users", "{\"userName\":\"" + name + "\"}", SCIM_JSON);
		}
		JsonNode found = this.idp.get("/scim/v2/Users?filter=" + encode("userName eq \"CAROL\"")).json();
		assertThat(found.path("totalResults").asInt()).isEqualTo(1);
		assertThat(found.path("Resources").get(0).path("userName").asString()).isEqualTo("carol");

		JsonNode none = this.idp.get("/scim/v2/Users?filter=" + encode("userName eq \"zed\"")).json();
		assertThat(none.path("totalResults").asInt()).isZero();
		assertThat(none.path("Resources")).isEmpty();

		JsonNode page = this.idp.get("/scim/v2/Users?startIndex=2&count=1").json();
		assertThat(page.path("totalResults").asInt()).isEqualTo(3);
		assertThat(page.path("itemsPerPage").asInt()).isEqualTo(1);
		assertThat(page.path("Resources").get(0).path("userName").asString()).isEqualTo("carol");

		Response badFilter = this.idp.get("/scim/v2/Users?filter=" + encode("emails co \"x\""));
		assertThat(badFilter.status()).isEqualTo(400);
		assertThat(badFilter.json().path("scimType").asString()).isEqualTo("invalidFilter");
		assertThat(badFilter.json().path("schemas").get(0).asString())
			.isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
	}

	@Test
	void patchDeactivatesAndChangesEmailAndNameTheWayEntraSendsIt() {
		JsonNode user = this.idp
			.send("POST", "/scim/v2/Users",
					"{\"userName\":\"erin\",\"emails\":[{\"value\":\"erin@example.org\",\"primary\":true}]}", SCIM_JSON)
			.json();
		String id = user.path("id").asString();
		String pin = this.smtp.awaitPinMailedTo("erin@example.org");

		JsonNode patched = this.idp.send("PATCH", "/scim/v2/Users/" + id, """
				{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
				 {"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"erin.new@example.org"},
				 {"op":"Add","path":"name.formatted","value":"Erin New"},
				 {"op":"Replace","path":"active","value":"False"}]}""", SCIM_JSON).json();

		assertThat(patched.path("active").asBoolean()).isFalse();
		assertThat(patched.path("emails").get(0).path("value").asString()).isEqualTo("erin.new@example.org");
		assertThat(patched.path("displayName").asString()).isEqualTo("Erin New");
		assertThat(newTerminal().authenticate(pin).status()).isEqualTo(401);

		JsonNode reactivated = this.idp
			.send("PATCH", "/scim/v2/Users/" + id,
					"{\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":true}}]}", SCIM_JSON)
			.json();
		assertThat(reactivated.path("active").asBoolean()).isTrue();
		assertThat(newTerminal().authenticate(pin).status()).isEqualTo(200);
	}

	@Test
	void replaceAndDeleteWhichDeactivates() {
		String id = this.idp
			.send("POST", "/scim/v2/Users", "{\"userName\":\"frank\",\"displayName\":\"Frank\"}", SCIM_JSON)
			.json()
			.path("id")
			.asString();
		JsonNode replaced = this.idp
			.send("PUT", "/scim/v2/Users/" + id,
					"{\"userName\":\"frank\",\"displayName\":\"Frank Zappa\",\"active\":true}", SCIM_JSON)
			.json();
		assertThat(replaced.path("displayName").asString()).isEqualTo("Frank Zappa");

		assertThat(this.idp.delete("/scim/v2/Users/" + id).status()).isEqualTo(204);
		assertThat(this.idp.get("/scim/v2/Users/" + id).json().path("active").asBoolean()).isFalse();
		assertThat(this.api.get("/api/v1/users/" + id).json().path("active").asBoolean()).isFalse();
	}

	@Test
	void aChangedUserNameRenamesTheUserWhoKeepsItsIdAndPin() {
		JsonNode created = this.idp.send("POST", "/scim/v2/Users",
				"{\"userName\":\"ida.berg@example.org\",\"externalId\":\"8f2e-77\",\"emails\":[{\"value\":\"ida@example.org\"}]}",
				SCIM_JSON)
			.json();
		String id = created.path("id").asString();
		assertThat(created.path("externalId").asString()).isEqualTo("8f2e-77");
		String pin = this.smtp.awaitPinMailedTo("ida@example.org");

		// Entra ID's answer to a changed UPN
		Response patched = this.idp.send("PATCH", "/scim/v2/Users/" + id, """
				{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
				 "Operations":[{"op":"Replace","path":"userName","value":"ida.nyberg@example.org"}]}""", SCIM_JSON);

		assertThat(patched.status()).isEqualTo(200);
		assertThat(patched.json().path("id").asString()).isEqualTo(id);
		assertThat(patched.json().path("userName").asString()).isEqualTo("ida.nyberg@example.org");
		assertThat(patched.json().path("externalId").asString()).isEqualTo("8f2e-77");
		assertThat(newTerminal().authenticate(pin).json().path("username").asString())
			.isEqualTo("ida.nyberg@example.org");
		assertThat(this.api.get("/api/v1/audit?action=user.renamed").text())
			.contains("ida.berg@example.org -> ida.nyberg@example.org");

		// a PUT may rename too, but not to a name somebody holds
		this.idp.send("POST", "/scim/v2/Users", "{\"userName\":\"jo@example.org\"}", SCIM_JSON);
		Response taken = this.idp.send("PUT", "/scim/v2/Users/" + id, "{\"userName\":\"JO@example.org\"}", SCIM_JSON);
		assertThat(taken.status()).isEqualTo(409);
		assertThat(taken.json().path("scimType").asString()).isEqualTo("uniqueness");
		assertThat(this.idp.send("PUT", "/scim/v2/Users/" + id, "{\"userName\":\"ida@example.org\"}", SCIM_JSON)
			.json()
			.path("userName")
			.asString()).isEqualTo("ida@example.org");
		assertThat(this.api.get("/api/v1/users/" + id).json().path("hasPin").asBoolean()).isTrue();
	}

	@Test
	void errorsComeInScimFormat() {
		this.idp.send("POST", "/scim/v2/Users", "{\"userName\":\"gina\"}", SCIM_JSON);
		Response duplicate = this.idp.send("POST", "/scim/v2/Users", "{\"userName\":\"GINA\"}", SCIM_JSON);
		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.json().path("scimType").asString()).isEqualTo("uniqueness");
		assertThat(duplicate.json().path("status").asString()).isEqualTo("409");

		assertThat(this.idp.get("/scim/v2/Users/999999").json().path("status").asString()).isEqualTo("404");
		assertThat(this.idp.get("/scim/v2/Users/not-a-number").status()).isEqualTo(404);
		Response noName = this.idp.send("POST", "/scim/v2/Users", "{\"displayName\":\"Nobody\"}", SCIM_JSON);
		assertThat(noName.status()).isEqualTo(400);
		assertThat(noName.json().path("scimType").asString()).isEqualTo("invalidValue");
		assertThat(
				this.idp.send("POST", "/scim/v2/Users", "{\"userName\":", SCIM_JSON).json().path("scimType").asString())
			.isEqualTo("invalidSyntax");
		assertThat(this.idp.send("PATCH", "/scim/v2/Users/1", "{\"Operations\":[]}", SCIM_JSON).status()).isIn(400,
				404);
	}

	@Test
	void anIdentityProviderNeitherSeesNorTakesOverUsersOfOtherSources() {
		long id = this.api.post("/api/v1/users", aUser().named("hanna").json()).json().path("id").asLong();

		Response takeOver = this.idp.send("POST", "/scim/v2/Users",
				"{\"userName\":\"Hanna\",\"emails\":[{\"value\":\"attacker@evil.example\"}]}", SCIM_JSON);
		assertThat(takeOver.status()).isEqualTo(409);
		assertThat(takeOver.json().path("scimType").asString()).isEqualTo("uniqueness");
		assertThat(this.idp.get("/scim/v2/Users/" + id).status()).isEqualTo(404);
		assertThat(this.idp.send("PATCH", "/scim/v2/Users/" + id,
				"{\"Operations\":[{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"attacker@evil.example\"}]}",
				SCIM_JSON)
			.status()).isEqualTo(404);
		assertThat(this.idp
			.send("PUT", "/scim/v2/Users/" + id,
					"{\"userName\":\"hanna\",\"emails\":[{\"value\":\"attacker@evil.example\"}]}", SCIM_JSON)
			.status()).isEqualTo(404);
		assertThat(this.idp.delete("/scim/v2/Users/" + id).status()).isEqualTo(404);
		assertThat(this.idp.get("/scim/v2/Users?filter=" + encode("userName eq \"hanna\""))
			.json()
			.path("totalResults")
			.asInt()).isZero();
		assertThat(this.idp.get("/scim/v2/Users").json().path("totalResults").asInt()).isZero();

		// nor by a rename whose name is the other user's by Unicode case rules (long s)
		this.api.post("/api/v1/users", aUser().named("sam").json());
		String lookalike = this.idp.send("POST", "/scim/v2/Users", "{\"userName\":\"\u017fam\"}", SCIM_JSON)
			.json()
			.path("id")
			.asString();
		Response renamed = this.idp.send("PUT", "/scim/v2/Users/" + lookalike,
				"{\"userName\":\"sam\",\"emails\":[{\"value\":\"attacker@evil.example\"}]}", SCIM_JSON);
		assertThat(renamed.status()).isEqualTo(409);
		assertThat(this.api.get("/api/v1/users?q=sam").json().path("items").get(0).path("email").asString())
			.isEqualTo("sam@example.org");

		Response hanna = this.api.get("/api/v1/users/" + id);
		assertThat(hanna.json().path("email").asString()).isEqualTo("hanna@example.org");
		assertThat(hanna.json().path("active").asBoolean()).isTrue();
		assertThat(hanna.json().path("source").asString()).isEqualTo("manual");
	}

	@Test
	void createsOfOneUserNameAtOnceGiveOne201AndConflictsNever500() {
		List<Response> answers = dev.pinwarden.support.Burst.send(20, 20,
				(i) -> this.idp.send("POST", "/scim/v2/Users", "{\"userName\":\"twin\"}", SCIM_JSON));
		assertThat(dev.pinwarden.support.Burst.count(answers, 201)).isEqualTo(1);
		assertThat(dev.pinwarden.support.Burst.count(answers, 409)).isEqualTo(19);
		assertThat(
				this.jdbc.sql("select count(*) from app_user where username_key = 'twin'").query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void twoPatchesAtOnceBothTakeEffect() {
		for (int round = 0; round < 20; round++) {
			String id = this.idp.send("POST", "/scim/v2/Users", "{\"userName\":\"pat" + round + "\"}", SCIM_JSON)
				.json()
				.path("id")
				.asString();
			int r = round;
			dev.pinwarden.support.Burst.send(2, 2, (i) -> this.idp.send("PATCH", "/scim/v2/Users/" + id, (i == 0)
					? "{\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Pat " + r + "\"}]}"
					: "{\"Operations\":[{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"pat"
							+ r + "@example.org\"}]}",
					SCIM_JSON));
			JsonNode user = this.idp.get("/scim/v2/Users/" + id).json();
			assertThat(user.path("displayName").asString()).as("round " + round).isEqualTo("Pat " + round);
			assertThat(user.path("emails").get(0).path("value").asString()).as("round " + round)
				.isEqualTo("pat" + round + "@example.org");
		}
	}

	@Test
	void onlyAValidUnrevokedTokenGetsIn() {
		TestApi anonymous = TestApi.anonymous(this.port);
		Response noToken = anonymous.get("/scim/v2/Users");
		assertThat(noToken.status()).isEqualTo(401);
		assertThat(noToken.json().path("schemas").get(0).asString())
			.isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
		assertThat(anonymous.withBasic("admin", TestApi.ADMIN_PASSWORD).get("/scim/v2/Users").status()).isEqualTo(401);
		assertThat(anonymous.withBearer("pws_invented").get("/scim/v2/Users").status()).isEqualTo(401);
		assertThat(this.idp.get("/api/v1/users").status()).isEqualTo(401);

		JsonNode tokens = this.api.get("/api/v1/scim-tokens").json();
		assertThat(tokens.toString()).doesNotContain(this.token);
		assertThat(this.api.delete("/api/v1/scim-tokens/" + tokens.get(0).path("id").asLong()).status()).isEqualTo(204);
		assertThat(this.idp.get("/scim/v2/Users").status()).isEqualTo(401);
	}

	@Test
	void discoveryDocumentsDescribeWhatIsSupported() {
		JsonNode config = this.idp.get("/scim/v2/ServiceProviderConfig").json();
		assertThat(config.path("patch").path("supported").asBoolean()).isTrue();
		assertThat(config.path("filter").path("supported").asBoolean()).isTrue();
		assertThat(config.path("bulk").path("supported").asBoolean()).isFalse();
		assertThat(this.idp.get("/scim/v2/ResourceTypes").json().path("Resources").get(0).path("endpoint").asString())
			.isEqualTo("/Users");
		assertThat(this.idp.get("/scim/v2/Schemas").json().path("Resources").get(0).path("id").asString())
			.isEqualTo("urn:ietf:params:scim:schemas:core:2.0:User");

		// each discovery resource on its own, as conformance tools and providers read
		// them
		JsonNode type = this.idp.get("/scim/v2/ResourceTypes/User").json();
		assertThat(type.path("description").asString()).isNotBlank();
		assertThat(type.path("meta").path("location").asString()).endsWith("/scim/v2/ResourceTypes/User");
		JsonNode schema = this.idp.get("/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User").json();
		assertThat(schema.path("attributes").findValuesAsString("name")).contains("userName", "emails", "active");
		assertThat(schema.path("meta").path("resourceType").asString()).isEqualTo("Schema");
		for (String missing : new String[] { "/scim/v2/ResourceTypes/Group", "/scim/v2/Schemas/urn:nothing",
				"/scim/v2/Groups", "/scim/v2/Groups/7" }) {
			Response answer = this.idp.get(missing);
			assertThat(answer.status()).as(missing).isEqualTo(404);
			assertThat(answer.json().path("schemas").get(0).asString())
				.isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
		}
		assertThat(this.idp.send("POST", "/scim/v2/Groups", "{\"displayName\":\"Staff\"}", SCIM_JSON).status())
			.isEqualTo(404);
	}

	@Test
	void theCardsExtensionIsAdvertisedAndSetsTheUsersCardsFromTheProvider() {
		String extension = "urn:pinwarden:params:scim:schemas:extension:2.0:User";
		JsonNode type = this.idp.get("/scim/v2/ResourceTypes/User").json();
		assertThat(type.path("schemaExtensions").get(0).path("schema").asString()).isEqualTo(extension);
		assertThat(type.path("schemaExtensions").get(0).path("required").asBoolean()).isFalse();
		assertThat(this.idp.get("/scim/v2/Schemas").json().path("Resources").findValuesAsString("id"))
			.contains(extension);
		JsonNode cards = this.idp.get("/scim/v2/Schemas/" + extension).json().path("attributes").get(0);
		assertThat(cards.path("name").asString()).isEqualTo("cards");
		assertThat(cards.path("multiValued").asBoolean()).isTrue();
		assertThat(cards.path("returned").asString()).isEqualTo("never");

		// Okta: the extension as an object of the resource
		Response created = this.idp.send("POST", "/scim/v2/Users", """
				{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","%s"],"userName":"carol@example.org",
				 "emails":[{"value":"carol@example.org","primary":true}],"active":true,
				 "%s":{"cards":["04:A2:2B:7C", {"value":"1234"}]}}""".formatted(extension, extension), SCIM_JSON);
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.text()).doesNotContain("04A22B7C").doesNotContain("2B7C");
		String id = created.json().path("id").asString();
		TestApi terminal = newTerminal();
		assertThat(terminal.tap("04A22B7C").json().path("username").asString()).isEqualTo("carol@example.org");
		assertThat(hints(id)).containsExactly("2B7C", "1234");
		this.api.post("/api/v1/users/" + id + "/cards", "{\"number\":\"AD11\"}");

		// Entra ID: a PATCH with the attribute's path, one value; the admin's card stays
		Response patched = this.idp.send("PATCH", "/scim/v2/Users/" + id, """
				{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
				 "Operations":[{"op":"Replace","path":"%s:cards","value":"5678"}]}""".formatted(extension), SCIM_JSON);
		assertThat(patched.status()).isEqualTo(200);
		assertThat(hints(id)).containsExactlyInAnyOrder("5678", "AD11");
		assertThat(terminal.tap("04A22B7C").code()).isEqualTo("card_unknown");
		// a PATCH that says nothing of cards keeps them
		this.idp.send("PATCH", "/scim/v2/Users/" + id, """
				{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
				 "Operations":[{"op":"replace","path":"displayName","value":"Carol"}]}""", SCIM_JSON);
		assertThat(hints(id)).containsExactlyInAnyOrder("5678", "AD11");

		// another user's card is skipped, said in the audit log, and the rest applies
		long dave = this.api.post("/api/v1/users", aUser().named("dave").json()).json().path("id").asLong();
		this.api.post("/api/v1/users/" + dave + "/cards", "{\"number\":\"DAVE\"}");
		Response taken = this.idp.send("PATCH", "/scim/v2/Users/" + id, """
				{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
				 "Operations":[{"op":"replace","value":{"%s:cards":["DAVE","9999"]}}]}""".formatted(extension),
				SCIM_JSON);
		assertThat(taken.status()).isEqualTo(200);
		assertThat(hints(id)).containsExactlyInAnyOrder("9999", "AD11");
		assertThat(this.api.get("/api/v1/audit?action=sync.card.skipped").text()).contains("belongs to another user")
			.doesNotContain("\"DAVE\"");
		Response bad = this.idp.send("PATCH", "/scim/v2/Users/" + id, """
				{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
				 "Operations":[{"op":"replace","path":"%s:cards","value":[{"value":{"x":1}}]}]}""".formatted(extension),
				SCIM_JSON);
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().path("scimType").asString()).isEqualTo("invalidValue");
	}

	@Test
	void aProvidersAddAndRemoveChangeOnlyTheCardsTheyName() {
		String extension = "urn:pinwarden:params:scim:schemas:extension:2.0:User";
		String id = this.idp.send("POST", "/scim/v2/Users", """
				{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","%s"],"userName":"carol@example.org",
				 "active":true,"%s":{"cards":["1111","2222"]}}""".formatted(extension, extension), SCIM_JSON)
			.json()
			.path("id")
			.asString();
		this.api.post("/api/v1/users/" + id + "/cards", "{\"number\":\"AD11\"}");
		TestApi terminal = newTerminal();

		assertThat(
				patch(id, "{\"op\":\"add\",\"path\":\"%s:cards\",\"value\":[\"3333\"]}".formatted(extension)).status())
			.isEqualTo(200);
		assertThat(hints(id)).containsExactlyInAnyOrder("1111", "2222", "3333", "AD11");
		// a lost badge, removed by a filter on its value
		assertThat(patch(id, "{\"op\":\"remove\",\"path\":\"%s:cards[value eq \\\"1111\\\"]\"}".formatted(extension))
			.status()).isEqualTo(200);
		assertThat(hints(id)).containsExactlyInAnyOrder("2222", "3333", "AD11");
		assertThat(terminal.tap("1111").code()).isEqualTo("card_unknown");
		// by value; the administrator's card is none of the provider's to remove
		patch(id, "{\"op\":\"remove\",\"path\":\"cards\",\"value\":[{\"value\":\"2222\"},\"AD11\"]}");
		assertThat(hints(id)).containsExactlyInAnyOrder("3333", "AD11");
		// in one request, applied in order
		patch(id, "{\"op\":\"add\",\"path\":\"cards\",\"value\":\"4444, 5555\"},"
				+ "{\"op\":\"remove\",\"path\":\"cards\",\"value\":\"5555\"}");
		assertThat(hints(id)).containsExactlyInAnyOrder("3333", "4444", "AD11");
		assertThat(terminal.tap("4444").json().path("username").asString()).isEqualTo("carol@example.org");

		Response addByFilter = patch(id,
				"{\"op\":\"add\",\"path\":\"cards[value eq \\\"6666\\\"]\",\"value\":\"6666\"}");
		assertThat(addByFilter.status()).isEqualTo(400);
		assertThat(addByFilter.json().path("scimType").asString()).isEqualTo("invalidPath");
		// remove with no value: all the provider's cards
		patch(id, "{\"op\":\"remove\",\"path\":\"%s:cards\"}".formatted(extension));
		assertThat(hints(id)).containsExactly("AD11");
	}

	private Response patch(String id, String operations) {
		return this.idp.send("PATCH", "/scim/v2/Users/" + id,
				"{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[" + operations + "]}",
				SCIM_JSON);
	}

	@Test
	void withDeleteCredentialsOnDeactivationAProvidersDeactivationDeletesThePinAndCards() {
		this.api.put("/api/v1/settings/pin", "{\"deleteCredentialsOnDeactivation\":true}");
		String extension = "urn:pinwarden:params:scim:schemas:extension:2.0:User";
		String id = this.idp.send("POST", "/scim/v2/Users", """
				{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"erin@example.org",
				 "emails":[{"value":"erin@example.org","primary":true}],"active":true,
				 "%s":{"cards":["E55"]}}""".formatted(extension), SCIM_JSON).json().path("id").asString();
		String pin = this.smtp.awaitPinMailedTo("erin@example.org");
		TestApi terminal = newTerminal();
		assertThat(terminal.authenticate(pin).status()).isEqualTo(200);

		this.idp.send("PATCH", "/scim/v2/Users/" + id, """
				{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
				 "Operations":[{"op":"replace","path":"active","value":"False"}]}""", SCIM_JSON);
		assertThat(this.api.get("/api/v1/users/" + id).json().path("hasPin").asBoolean()).isFalse();
		assertThat(this.api.get("/api/v1/users/" + id).json().path("cards").asInt()).isZero();
		assertThat(terminal.tap("E55").code()).isEqualTo("card_unknown");

		// back: a new PIN, mailed, that opens the terminal
		this.smtp.purge();
		this.idp.send("PATCH", "/scim/v2/Users/" + id, """
				{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
				 "Operations":[{"op":"replace","path":"active","value":true}]}""", SCIM_JSON);
		String again = this.smtp.awaitPinMailedTo("erin@example.org");
		assertThat(terminal.authenticate(again).json().path("username").asString()).isEqualTo("erin@example.org");
	}

	private List<String> hints(String userId) {
		List<String> hints = new java.util.ArrayList<>();
		this.api.get("/api/v1/users/" + userId + "/cards")
			.json()
			.forEach((card) -> hints.add(card.path("hint").asString()));
		return hints;
	}

	private static String encode(String text) {
		return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
	}

}
