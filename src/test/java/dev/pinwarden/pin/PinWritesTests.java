package dev.pinwarden.pin;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.HeldLock;
import dev.pinwarden.support.TestApi;
import dev.pinwarden.support.TestApi.Response;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sync's PINs, written and not yet committed, beside writes of one user's PIN: these go
 * on at once, unless they are about the very user the sync is writing, which answers busy
 * instead of waiting for the sync's commit; and nothing of either is lost.
 */
abstract class PinWritesTests extends ApiIntegrationTest {

	@Autowired
	private PinService pins;

	@Autowired
	private TransactionTemplate transactions;

	@Test
	void writesOfOneUsersPinGoOnWhileASyncHoldsItsPinsUncommitted() throws Exception {
		long syncing = create("syncing");
		long other = create("other");
		long chosen = create("chosen");
		TestApi terminal = newTerminal();
		assertThat(this.api.delete("/api/v1/users/" + syncing + "/pin").status()).isEqualTo(204);
		AtomicReference<List<GeneratedPin>> bySync = new AtomicReference<>();
		try (HeldLock sync = HeldLock.holding(
				() -> bySync.set(this.pins.generateMany(List.of(syncing), PinsGenerated.Reason.SYNC)),
				this.transactions)) {
			Response generated = within10s(() -> this.api.post("/api/v1/users/" + other + "/pin", "{}"));
			assertThat(generated.status()).as(generated.text()).isEqualTo(200);
			Response opened = terminal.authenticate(generated.json().path("pin").asString());
			assertThat(opened.json().path("userId").asLong()).isEqualTo(other);

			Response set = within10s(() -> this.api.put("/api/v1/users/" + chosen + "/pin", "{\"pin\":\"80417263\"}"));
			assertThat(set.status()).as(set.text()).isEqualTo(204);
			assertThat(terminal.authenticate("80417263").json().path("userId").asLong()).isEqualTo(chosen);

			// the user whose PIN the sync is writing
			Response busy = within10s(() -> this.api.post("/api/v1/users/" + syncing + "/pin", "{}"));
			assertThat(busy.status()).as(busy.text()).isEqualTo(503);
			assertThat(busy.json().path("code").asString()).isEqualTo("busy");
			// a temporary PIN needs every PIN to stand still
			Response temporary = within10s(
					() -> this.api.post("/api/v1/users/" + other + "/temporary-pins", "{\"validMinutes\":60}"));
			assertThat(temporary.status()).as(temporary.text()).isEqualTo(503);
		}
		// the sync's PIN stands, and the others' too
		assertThat(bySync.get()).hasSize(1);
		assertThat(terminal.authenticate(bySync.get().get(0).pin()).json().path("userId").asLong()).isEqualTo(syncing);
		assertThat(this.jdbc.sql("select count(*) from pin").query(Long.class).single()).isEqualTo(3);
		assertThat(this.jdbc.sql("select count(distinct digest) from pin").query(Long.class).single()).isEqualTo(3);
	}

	private long create(String username) {
		Response created = this.api.post("/api/v1/users", aUser().named(username).withoutEmail().json());
		assertThat(created.status()).as(created.text()).isEqualTo(201);
		return created.json().path("id").asLong();
	}

	private static Response within10s(Supplier<Response> request) throws Exception {
		return CompletableFuture.supplyAsync(request).get(10, TimeUnit.SECONDS);
	}

}
