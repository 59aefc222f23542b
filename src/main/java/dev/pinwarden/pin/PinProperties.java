package dev.pinwarden.pin;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the PIN key comes from.
 *
 * @param key the key, Base64 of at least 32 bytes ({@code PINWARDEN_PIN_KEY}); when set,
 * the key file is not used
 * @param keyFile the key file, created on the first start when no PIN exists yet
 * @param previousKeys earlier keys, Base64, comma-separated
 * ({@code PINWARDEN_PIN_PREVIOUS_KEYS}): PINs made with them keep working until they are
 * regenerated
 */
@ConfigurationProperties("pinwarden.pin")
public record PinProperties(String key, Path keyFile, String previousKeys) {

	@Override
	public String toString() {
		return "PinProperties[key=<hidden>, keyFile=" + this.keyFile + ", previousKeys=<hidden>]";
	}

}
