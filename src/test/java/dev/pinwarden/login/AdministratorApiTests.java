package dev.pinwarden.login;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.Burst;
import dev.pinwarden.support.TestApi;
import dev.pinwarden.support.TestApi.Response;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Administrators change their password and add and remove each other; one always stays.
 */
abstract class AdministratorApiTests extends ApiIntegrationTest {

	private static final String OPS_PASSWORD = "correct horse battery";

	@Test
	void anAdministratorChangesTheirPasswordAndOnlyTheNewOneWorks() {
		TestApi ops = addOps();
		Response weak = ops.put("/api/v1/admins/me/password",
				"{\"currentPassword\":\"" + OPS_PASSWORD + "\",\"newPassword\":\"short\"}");
		assertThat(weak.status()).isEqualTo(400);
		assertThat(weak.code()).isEqualTo("password_weak");
		assertThat(weak.json().path("field").asString()).isEqualTo("newPassword");
		assertThat(ops
			.put("/api/v1/admins/me/password", "{\"currentPassword\":\"" + OPS_PASSWORD + "\",\"newPassword\":\"OPS\"}")
			.code()).isEqualTo("password_weak");
		assertThat(ops
			.put("/api/v1/admins/me/password",
					"{\"currentPassword\":\"" + OPS_PASSWORD + "\",\"newPassword\":\"opsOPSopsOPS\"}")
			.status()).as("at least 12 characters, but not the user name").isEqualTo(204);

		TestApi renewed = TestApi.anonymous(this.port).withBasic("ops", "opsOPSopsOPS");
		Response wrongCurrent = renewed.put("/api/v1/admins/me/password",
				"{\"currentPassword\":\"not it at all\",\"newPassword\":\"a new long password\"}");
		assertThat(wrongCurrent.status()).isEqualTo(400);
		assertThat(wrongCurrent.code()).isEqualTo("invalid_password");

		assertThat(ops.get("/api/v1/admins").status()).isEqualTo(401);
		assertThat(renewed.get("/api/v1/admins").status()).isEqualTo(200);
		assertThat(audited("admin.password.changed")).isEqualTo(1);
		assertThat(this.jdbc.sql("select password_hash from administrator where username = 'ops'")
			.query(String.class)
			.single()).startsWith("{bcrypt}").doesNotContain("opsOPSopsOPS");
	}

	@Test
	void administratorsAreListedAddedAndRemoved() {
		addOps();
		Response list = this.api.get("/api/v1/admins");
		assertThat(list.json().findValuesAsString("username")).containsExactly("admin", "ops");
		assertThat(list.text()).doesNotContain("bcrypt").doesNotContain("password");

		assertThat(
				this.api.post("/api/v1/admins", "{\"username\":\"ops\",\"password\":\"" + OPS_PASSWORD + "\"}").code())
			.isEqualTo("username_taken");
		this.api.post("/api/v1/users", aUser().named("pat").json());
		assertThat(this.api.post("/api/v1/admins", "{\"username\":\"pat\",\"password\":\"" + OPS_PASSWORD + "\"}")
			.status()).isEqualTo(409);
		assertThat(this.api.post("/api/v1/admins", "{\"username\":\"a:b\",\"password\":\"" + OPS_PASSWORD + "\"}")
			.json()
			.path("field")
			.asString()).isEqualTo("username");
		assertThat(this.api.post("/api/v1/admins", "{\"username\":\"new\",\"password\":\"tooshort\"}").code())
			.isEqualTo("password_weak");

		assertThat(this.api.delete("/api/v1/admins/nobody").code()).isEqualTo("admin_not_found");
		assertThat(this.api.delete("/api/v1/admins/ops").status()).isEqualTo(204);
		assertThat(TestApi.anonymous(this.port).withBasic("ops", OPS_PASSWORD).get("/api/v1/admins").status())
			.isEqualTo(401);
		Response last = this.api.delete("/api/v1/admins/admin");
		assertThat(last.status()).isEqualTo(409);
		assertThat(last.code()).isEqualTo("last_admin");
		assertThat(audited("admin.created")).isEqualTo(1);
		assertThat(audited("admin.deleted")).isEqualTo(1);
	}

	@Test
	void twoAdministratorsRemovingEachOtherAtOnceLeaveOne() {
		TestApi ops = addOps();
		List<Response> answers = Burst.send(2, 2,
				(i) -> (i == 0) ? this.api.delete("/api/v1/admins/ops") : ops.delete("/api/v1/admins/admin"));
		// the one removed second would be the last: refused, or no longer an
		// administrator
		// by the time its request is checked
		assertThat(answers).extracting(Response::status).contains(204).containsAnyOf(409, 401).hasSize(2);
		assertThat(this.jdbc.sql("select count(*) from administrator").query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void anAdministratorEndsTheLocksOfAUserAndOfAnotherAdministrator() {
		long id = this.api.post("/api/v1/users", aUser().named("lou").withPin("60718245").json())
			.json()
			.path("id")
			.asLong();
		TestApi lou = TestApi.anonymous(this.port).withBasic("lou", "60718245");
		for (int i = 0; i < 5; i++) {
			TestApi.anonymous(this.port).withBasic("lou", "1234567" + i).post("/api/v1/me/pin", "{}");
		}
		assertThat(lou.post("/api/v1/me/pin", "{}").status()).isEqualTo(401);
		assertThat(this.api.post("/api/v1/users/" + id + "/unlock", "{}").status()).isEqualTo(204);
		assertThat(lou.post("/api/v1/me/pin", "{}").status()).isEqualTo(200);

		TestApi ops = addOps();
		for (int i = 0; i < 5; i++) {
			TestApi.anonymous(this.port).withBasic("ops", "guess number " + i).get("/api/v1/admins");
		}
		assertThat(ops.get("/api/v1/admins").status()).isEqualTo(401);
		assertThat(this.api.post("/api/v1/admins/ops/unlock", "{}").status()).isEqualTo(204);
		assertThat(ops.get("/api/v1/admins").status()).isEqualTo(200);
		assertThat(audited("login.unlocked") + audited("admin.unlocked")).isEqualTo(2);
	}

	private TestApi addOps() {
		Response created = this.api.post("/api/v1/admins",
				"{\"username\":\"ops\",\"password\":\"" + OPS_PASSWORD + "\"}");
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.header("Location")).endsWith("/api/v1/admins/ops");
		return TestApi.anonymous(this.port).withBasic("ops", OPS_PASSWORD);
	}

	private long audited(String action) {
		return this.jdbc.sql("select count(*) from audit_event where action = :action")
			.param("action", action)
			.query(Long.class)
			.single();
	}

}
