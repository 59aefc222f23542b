package dev.pinwarden.pin;

import java.util.List;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Refuses the start when stored secrets ({@link KeyedSecrets}: PINs, cards, queued mail,
 * reset codes, the LDAP password...) need a key that is not on the ring. It runs once
 * every module is created, since those modules are built on the ring: asking each for its
 * counts keeps this module from knowing their tables.
 */
@Component
class StoredSecretsKeyCheck implements SmartInitializingSingleton {

	private final PinKeyRing ring;

	private final List<KeyedSecrets> secrets;

	private final PinProperties properties;

	StoredSecretsKeyCheck(PinKeyRing ring, List<KeyedSecrets> secrets, PinProperties properties) {
		this.ring = ring;
		this.secrets = secrets;
		this.properties = properties;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (KeyedSecrets kind : this.secrets) {
			kind.countsByKey().forEach((keyId, count) -> {
				if (count > 0 && !this.ring.hasKey(keyId)) {
					throw PinKeyUnavailableException.keyMissing(keyId, this.ring, this.properties);
				}
			});
		}
	}

}
