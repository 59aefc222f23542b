package dev.pinwarden.keys;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import dev.pinwarden.Audited;
import dev.pinwarden.pin.KeyedSecrets;
import dev.pinwarden.pin.PinKeyRing;

/**
 * What each PIN key still protects, and sealing again under the current key. A key that
 * protects nothing, and is not the current one, can be dropped from
 * {@code PINWARDEN_PIN_PREVIOUS_KEYS}: the server then starts without it.
 */
@Service
public class PinKeys {

	/** What a key may protect, in the order the API lists them. */
	private static final List<String> KINDS = List.of("pins", "temporaryPins", "cards", "queuedMails", "ldapPassword",
			"resetCodes", "cardRegistrationCodes", "pinLetters");

	private final PinKeyRing ring;

	private final List<KeyedSecrets> secrets;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	PinKeys(PinKeyRing ring, List<KeyedSecrets> secrets, JdbcClient jdbc, ApplicationEventPublisher events) {
		this.ring = ring;
		this.secrets = secrets;
		this.jdbc = jdbc;
		this.events = events;
	}

	/** Every key the ring holds or the database recorded, the current one first. */
	public List<Map<String, Object>> list() {
		Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
		for (KeyedSecrets kind : this.secrets) {
			counts.put(kind.name(), kind.countsByKey());
		}
		Set<String> keyIds = new LinkedHashSet<>(this.ring.keyIds());
		keyIds.addAll(this.jdbc.sql("select key_id from pin_key order by created_at").query(String.class).list());
		counts.values().forEach((byKey) -> keyIds.addAll(byKey.keySet()));
		List<Map<String, Object>> keys = new ArrayList<>();
		for (String keyId : keyIds) {
			Map<String, Object> key = new LinkedHashMap<>();
			key.put("keyId", keyId);
			boolean current = keyId.equals(this.ring.currentKeyId());
			key.put("current", current);
			key.put("onRing", this.ring.hasKey(keyId));
			long needed = 0;
			for (String kind : KINDS) {
				long count = counts.getOrDefault(kind, Map.of()).getOrDefault(keyId, 0L);
				key.put(kind, count);
				needed += count;
			}
			key.put("retirable", !current && needed == 0);
			keys.add(key);
		}
		return keys;
	}

	/** Seals again, under the current key, every secret that can be opened; how many. */
	public int reseal() {
		int resealed = 0;
		for (KeyedSecrets kind : this.secrets) {
			resealed += kind.resealUnderCurrentKey();
		}
		this.events.publishEvent(Audited.of("keys.resealed", "PIN key " + this.ring.currentKeyId(),
				resealed + " secrets sealed again under it"));
		return resealed;
	}

}
