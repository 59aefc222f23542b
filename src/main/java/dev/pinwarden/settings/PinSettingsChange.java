package dev.pinwarden.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.pinwarden.InvalidInputException;
import dev.pinwarden.pin.PinPolicy;

/**
 * A change of the PIN settings; a {@code null} value leaves that setting as it is. The
 * read-only fields of the settings' GET may come back with a change, and are ignored.
 *
 * @param version when given, the change is refused if the settings changed since that
 * version
 */
@JsonIgnoreProperties({ "userCount", "requiredLengthForUserCount", "generatedPinLength", "regenerationOffered" })
public record PinSettingsChange(Boolean usersCanChangePin, Integer minimalPinLength, Boolean generatePinForNewUsers,
		Boolean sendPinByEmail, Boolean deleteCredentialsOnDeactivation, Integer version) {

	public PinSettingsChange {
		if (minimalPinLength != null && !PinPolicy.isAllowedMinimalLength(minimalPinLength)) {
			throw new InvalidInputException("minimalPinLength", "minimal_pin_length_out_of_range",
					"The minimal PIN length must be between " + PinPolicy.MIN_MINIMAL_LENGTH + " and "
							+ PinPolicy.MAX_LENGTH);
		}
	}

}
