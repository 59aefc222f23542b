package dev.pinwarden.settings;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.pinwarden.pin.PinLengths;
import dev.pinwarden.pin.PinService;

@RestController
@RequestMapping("/api/v1/settings/pin")
class PinSettingsController {

	private final PinSettingsService settings;

	private final PinService pins;

	PinSettingsController(PinSettingsService settings, PinService pins) {
		this.settings = settings;
		this.pins = pins;
	}

	@GetMapping
	PinSettingsView get() {
		return PinSettingsView.of(this.settings.get(), this.pins.lengths(), null);
	}

	@PutMapping
	PinSettingsView update(@RequestBody PinSettingsChange change) {
		PinSettingsService.SettingsUpdate update = this.settings.update(change);
		return PinSettingsView.of(update.settings(), this.pins.lengths(), update.regenerationOffered());
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record PinSettingsView(boolean usersCanChangePin, int minimalPinLength, boolean generatePinForNewUsers,
			boolean sendPinByEmail, boolean deleteCredentialsOnDeactivation, long userCount,
			int requiredLengthForUserCount, int generatedPinLength, int version, Boolean regenerationOffered) {

		static PinSettingsView of(PinSettings settings, PinLengths lengths, Boolean regenerationOffered) {
			return new PinSettingsView(settings.usersCanChangePin(), settings.minimalPinLength(),
					settings.generatePinForNewUsers(), settings.sendPinByEmail(),
					settings.deleteCredentialsOnDeactivation(), lengths.userCount(),
					lengths.requiredLengthForUserCount(),
					Math.max(settings.minimalPinLength(), lengths.requiredLengthForUserCount()), settings.version(),
					regenerationOffered);
		}

	}

}
