package dev.pinwarden.settings;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.TestApi.Response;

import static org.assertj.core.api.Assertions.assertThat;

abstract class PinSettingsApiTests extends ApiIntegrationTest {

	private static final String PATH = "/api/v1/settings/pin";

	@Test
	void showsTheSettingsAndTheLengthsInForce() {
		JsonNode settings = this.api.get(PATH).json();
		assertThat(settings.path("usersCanChangePin").asBoolean()).isTrue();
		assertThat(settings.path("minimalPinLength").asInt()).isEqualTo(4);
		assertThat(settings.path("generatePinForNewUsers").asBoolean()).isTrue();
		assertThat(settings.path("sendPinByEmail").asBoolean()).isTrue();
		assertThat(settings.path("userCount").asLong()).isZero();
		assertThat(settings.path("requiredLengthForUserCount").asInt()).isEqualTo(4);
		assertThat(settings.path("generatedPinLength").asInt()).isEqualTo(4);
		assertThat(settings.has("regenerationOffered")).isFalse();
	}

	@Test
	void minimalLengthOutsideFourToSixteenIsRefusedAndChangesNothing() {
		for (int length : new int[] { 3, 17, 0, -4 }) {
			Response refused = this.api.put(PATH, "{\"minimalPinLength\":" + length + ",\"usersCanChangePin\":false}");
			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.code()).isEqualTo("minimal_pin_length_out_of_range");
			assertThat(refused.json().path("field").asString()).isEqualTo("minimalPinLength");
		}
		assertThat(this.api.put(PATH, "{\"minimalPinLength\":\"six\"}").code()).isEqualTo("wrong_type");
		JsonNode settings = this.api.get(PATH).json();
		assertThat(settings.path("minimalPinLength").asInt()).isEqualTo(4);
		assertThat(settings.path("usersCanChangePin").asBoolean()).isTrue();
	}

	@Test
	void raisingTheMinimalLengthOffersARegenerationLoweringOrKeepingItDoesNot() {
		JsonNode raised = this.api.put(PATH, "{\"minimalPinLength\":6}").json();
		assertThat(raised.path("regenerationOffered").asBoolean()).isTrue();
		assertThat(raised.path("minimalPinLength").asInt()).isEqualTo(6);
		assertThat(raised.path("generatedPinLength").asInt()).isEqualTo(6);

		assertThat(this.api.put(PATH, "{\"minimalPinLength\":6}").json().path("regenerationOffered").asBoolean())
			.isFalse();
		assertThat(this.api.put(PATH, "{\"minimalPinLength\":5}").json().path("regenerationOffered").asBoolean())
			.isFalse();
		assertThat(this.api.put(PATH, "{\"usersCanChangePin\":false}").json().path("regenerationOffered").asBoolean())
			.isFalse();
	}

	@Test
	void turningGenerationOnTurnsSendingByEmailOn() {
		this.api.put(PATH, "{\"generatePinForNewUsers\":false,\"sendPinByEmail\":false}");
		JsonNode off = this.api.get(PATH).json();
		assertThat(off.path("generatePinForNewUsers").asBoolean()).isFalse();
		assertThat(off.path("sendPinByEmail").asBoolean()).isFalse();

		JsonNode on = this.api.put(PATH, "{\"generatePinForNewUsers\":true}").json();
		assertThat(on.path("generatePinForNewUsers").asBoolean()).isTrue();
		assertThat(on.path("sendPinByEmail").asBoolean()).isTrue();

		// once on, sending can still be switched off on its own
		JsonNode sendOff = this.api.put(PATH, "{\"sendPinByEmail\":false}").json();
		assertThat(sendOff.path("generatePinForNewUsers").asBoolean()).isTrue();
		assertThat(sendOff.path("sendPinByEmail").asBoolean()).isFalse();
	}

	@Test
	void aMisspeltFieldIsRefusedWithTheFieldsThereAreAndChangesNothing() {
		int version = this.api.get(PATH).json().path("version").asInt();
		Response refused = this.api.put(PATH, "{\"minLength\":6}");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.code()).isEqualTo("unknown_field");
		assertThat(refused.json().path("field").asString()).isEqualTo("minLength");
		assertThat(refused.json().path("detail").asString()).startsWith("Unknown field 'minLength'")
			.contains("minimalPinLength");
		JsonNode settings = this.api.get(PATH).json();
		assertThat(settings.path("minimalPinLength").asInt()).isEqualTo(4);
		assertThat(settings.path("version").asInt()).isEqualTo(version);
	}

	@Test
	void whatTheGetAnswersCanBeChangedAndPutBack() {
		String read = this.api.get(PATH).text();
		Response put = this.api.put(PATH, read.replace("\"minimalPinLength\":4", "\"minimalPinLength\":5"));
		assertThat(put.status()).isEqualTo(200);
		assertThat(put.json().path("minimalPinLength").asInt()).isEqualTo(5);
	}

	@Test
	void aChangeBasedOnAnOutdatedVersionIsRefused() {
		int version = this.api.get(PATH).json().path("version").asInt();
		assertThat(this.api.put(PATH, "{\"usersCanChangePin\":false,\"version\":" + version + "}").status())
			.isEqualTo(200);
		Response stale = this.api.put(PATH, "{\"usersCanChangePin\":true,\"version\":" + version + "}");
		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.code()).isEqualTo("settings_conflict");
		assertThat(this.api.get(PATH).json().path("usersCanChangePin").asBoolean()).isFalse();
	}

}
