package dev.pinwarden.card;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.Burst;
import dev.pinwarden.support.TestApi;
import dev.pinwarden.support.TestApi.Response;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;

/** An administrator's cards: added, found by number, removed; one holder each. */
abstract class CardApiTests extends ApiIntegrationTest {

	@Autowired
	private CardUses uses;

	private static final String UID = "04:a2:2b:7c";

	@Test
	void aCardIsShownByItsHintAndFindsItsHolderHoweverItsNumberIsWritten() {
		long ann = user("ann");
		Response added = this.api.post(cards(ann), "{\"number\":\"" + UID + "\",\"label\":\"badge 2025\"}");

		assertThat(added.status()).isEqualTo(201);
		assertThat(added.json().path("hint").asString()).isEqualTo("2B7C");
		assertThat(added.json().path("label").asString()).isEqualTo("badge 2025");
		assertThat(added.json().path("source").asString()).isEqualTo("manual");
		assertThat(added.header("Location")).endsWith(cards(ann) + "/" + added.json().path("id").asLong());
		assertThat(added.text()).doesNotContainIgnoringCase("04a2").doesNotContain("04A22B7C");
		JsonNode listed = this.api.get(cards(ann)).json();
		assertThat(listed).hasSize(1);
		assertThat(listed.get(0).path("lastUsedAt").isNull()).isTrue();
		assertThat(listed.get(0).path("locked").asBoolean()).isFalse();

		JsonNode found = this.api.get("/api/v1/users?card=04A2%202B7C").json();
		assertThat(found.path("total").asInt()).isEqualTo(1);
		assertThat(found.path("items").get(0).path("username").asString()).isEqualTo("ann");
		// users' answers say how many cards they hold
		assertThat(found.path("items").get(0).path("cards").asInt()).isEqualTo(1);
		this.api.post(cards(ann), "{\"number\":\"B2\"}");
		user("bob");
		assertThat(this.api.get("/api/v1/users/" + ann).json().path("cards").asInt()).isEqualTo(2);
		JsonNode everybody = this.api.get("/api/v1/users").json().path("items");
		assertThat(everybody.findValues("cards")).extracting(JsonNode::asInt).containsExactly(2, 0);
		assertThat(this.api.get("/api/v1/users?card=04A22B7D").json().path("items")).isEmpty();
		assertThat(this.api.get("/api/v1/users?card=04A2_2B7C").code()).isEqualTo("card_invalid");

		// in the database only its digest and hint
		assertThat(this.jdbc.sql("select hint from card order by id").query(String.class).list()).first()
			.isEqualTo("2B7C");
		assertThat(this.jdbc.sql("select count(*) from card where label like '%04A2%' or hint like '04A2%'")
			.query(Long.class)
			.single()).isZero();
		assertThat(this.api.get("/api/v1/audit?action=card.").text()).contains("card.added", "2B7C")
			.doesNotContain("04A22B7C");
	}

	@Test
	void aCardHasOneHolder() {
		long ann = user("ann");
		long bob = user("bob");
		assertThat(this.api.post(cards(ann), "{\"number\":\"" + UID + "\"}").status()).isEqualTo(201);

		Response taken = this.api.post(cards(bob), "{\"number\":\"04A22B7C\"}");
		assertThat(taken.status()).isEqualTo(409);
		assertThat(taken.code()).isEqualTo("card_taken");
		assertThat(this.api.post(cards(ann), "{\"number\":\"04 A2 2B 7C\"}").code()).isEqualTo("card_taken");

		// ten users at once, one card: one of them gets it
		List<Long> users = IntStream.range(0, 10).mapToObj((i) -> user("racer-" + i)).toList();
		List<Response> answers = Burst.send(10, 10,
				(i) -> this.api.post(cards(users.get(i)), "{\"number\":\"CAFE0001\"}"));
		assertThat(Burst.count(answers, 201)).isEqualTo(1);
		assertThat(answers).filteredOn((answer) -> answer.status() != 201)
			.allSatisfy((answer) -> assertThat(answer.code()).isEqualTo("card_taken"));
	}

	@Test
	void aUserHasAtMostTenCardsAlsoWhenTheyAreAddedAtOnce() {
		long ann = user("ann");
		List<Response> answers = Burst.send(16, 8,
				(i) -> this.api.post(cards(ann), "{\"number\":\"" + (1000 + i) + "\"}"));

		assertThat(Burst.count(answers, 201)).isEqualTo(10);
		assertThat(answers).filteredOn((answer) -> answer.status() != 201)
			.allSatisfy((answer) -> assertThat(answer.code()).isEqualTo("card_limit"));
		assertThat(this.api.get(cards(ann)).json()).hasSize(10);
	}

	@Test
	void aRemovedCardIsNobodysAndCanBeGivenToAnother() {
		long ann = user("ann");
		long bob = user("bob");
		long cardId = this.api.post(cards(ann), "{\"number\":\"" + UID + "\"}").json().path("id").asLong();

		assertThat(this.api.delete(cards(bob) + "/" + cardId).code()).isEqualTo("card_not_found");
		assertThat(this.api.delete(cards(ann) + "/" + cardId).status()).isEqualTo(204);
		assertThat(this.api.get("/api/v1/users?card=" + "04A22B7C").json().path("items")).isEmpty();
		assertThat(this.api.post(cards(bob), "{\"number\":\"" + UID + "\"}").status()).isEqualTo(201);
		assertThat(this.api.get("/api/v1/audit?action=card.removed").json().path("items")).hasSize(1);

		// a deleted user's cards go with it
		assertThat(this.api.delete("/api/v1/users/" + bob).status()).isEqualTo(204);
		assertThat(this.api.get("/api/v1/users?card=04A22B7C").json().path("items")).isEmpty();
	}

	@Test
	void aUserSeesTheirCardsAndRemovesALostOneAtOnce() {
		long ann = this.api.post("/api/v1/users", aUser().named("ann").withPin("60718245").json())
			.json()
			.path("id")
			.asLong();
		long bob = user("bob");
		this.api.post(cards(ann), "{\"number\":\"" + UID + "\",\"label\":\"badge\"}");
		long bobsCard = this.api.post(cards(bob), "{\"number\":\"B0B\"}").json().path("id").asLong();
		TestApi me = TestApi.anonymous(this.port).withBasic("ann", "60718245");

		JsonNode mine = me.get("/api/v1/me/cards").json();
		assertThat(mine).hasSize(1);
		assertThat(mine.get(0).path("hint").asString()).isEqualTo("2B7C");
		assertThat(mine.get(0).path("label").asString()).isEqualTo("badge");
		assertThat(me.delete("/api/v1/me/cards/" + bobsCard).code()).isEqualTo("card_not_found");
		assertThat(me.delete("/api/v1/me/cards/" + mine.get(0).path("id").asLong()).status()).isEqualTo(204);

		assertThat(newTerminal().tap(UID).code()).isEqualTo("card_unknown");
		assertThat(newTerminal().tap("B0B").status()).isEqualTo(200);
		assertThat(TestApi.anonymous(this.port).get("/api/v1/me/cards").status()).isEqualTo(401);
	}

	@Test
	void badInputIsRefusedSayingWhatWasWrong() {
		long ann = user("ann");
		Response invalid = this.api.post(cards(ann), "{\"number\":\"04A2_2B7C\"}");
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.code()).isEqualTo("card_invalid");
		assertThat(invalid.text()).doesNotContain("04A2");
		assertThat(this.api.post(cards(ann), "{\"number\":\"" + "1".repeat(65) + "\"}").code())
			.isEqualTo("card_invalid");
		assertThat(this.api.post(cards(ann), "{}").code()).isEqualTo("card_invalid");
		assertThat(this.api.post(cards(ann), "{\"number\":\"42\",\"label\":\"" + "x".repeat(101) + "\"}").status())
			.isEqualTo(400);
		assertThat(this.api.post(cards(999_999), "{\"number\":\"42\"}").code()).isEqualTo("user_not_found");
		assertThat(this.api.get(cards(999_999)).code()).isEqualTo("user_not_found");
		assertThat(this.api.get(cards(ann)).json()).isEmpty();
	}

	@Test
	void cardsCountAgainstTheKeyTheyAreKeptUnder() {
		long ann = user("ann");
		this.api.post(cards(ann), "{\"number\":\"" + UID + "\"}");
		JsonNode current = this.api.get("/api/v1/keys").json().get(0);
		assertThat(current.path("current").asBoolean()).isTrue();
		assertThat(current.path("cards").asLong()).isEqualTo(1);
	}

	@Test
	void aCardsLastUseIsNotedOnceAnHourAtMost() {
		long ann = user("ann");
		this.api.post(cards(ann), "{\"number\":\"" + UID + "\"}");
		TestApi terminal = newTerminal();

		assertThat(terminal.tap(UID).status()).isEqualTo(200);
		this.uses.write();
		Instant first = lastUse(ann);
		assertThat(first).isNotNull();

		this.clock.advance(Duration.ofMinutes(59));
		assertThat(terminal.tap(UID).status()).isEqualTo(200);
		this.uses.write();
		assertThat(lastUse(ann)).isEqualTo(first);

		this.clock.advance(Duration.ofMinutes(2));
		assertThat(terminal.tap(UID).status()).isEqualTo(200);
		this.uses.write();
		assertThat(lastUse(ann)).isAfterOrEqualTo(first.plus(Duration.ofMinutes(61)));
	}

	private Instant lastUse(long userId) {
		JsonNode lastUsedAt = this.api.get(cards(userId)).json().get(0).path("lastUsedAt");
		return lastUsedAt.isNull() ? null : Instant.parse(lastUsedAt.asString());
	}

	private long user(String name) {
		return this.api.post("/api/v1/users", aUser().named(name).json()).json().path("id").asLong();
	}

	private static String cards(long userId) {
		return "/api/v1/users/" + userId + "/cards";
	}

}
