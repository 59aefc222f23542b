package dev.pinwarden.pin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Loads the PIN key at start-up, from {@code PINWARDEN_PIN_KEY} or the key file, and
 * checks it against the key the database was last started with; every key that stored
 * secrets need, PINs included, is checked by {@link StoredSecretsKeyCheck}. A key file is
 * created only while no PIN exists: if PINs exist and their key is missing, unreadable or
 * different, the server refuses to start.
 */
@Configuration(proxyBeanMethods = false)
class PinKeyConfiguration {

	private static final Logger log = LoggerFactory.getLogger(PinKeyConfiguration.class);

	@Bean
	@DependsOnDatabaseInitialization
	PinKeyRing pinKeyRing(PinProperties properties, JdbcClient jdbc) {
		// the key the database was last started with (so that a node with another key
		// cannot start making PINs the others cannot check), and one key of each of this
		// module's kinds of secret, if any is stored: whether a key file may be made up
		// depends only on whether something needs a key. Every key that stored secrets
		// need is checked once every module exists (StoredSecretsKeyCheck), in one pass
		// over each table; a key nothing needs any more may be left off the ring.
		List<String> knownKeyIds = jdbc.sql("""
				select key_id from pin_key where created_at = (select max(created_at) from pin_key)
				union select key_id from (select key_id from pin fetch first 1 rows only) p
				union select key_id from (select key_id from temporary_pin fetch first 1 rows only) t
				union select key_id from (select key_id from pin_letter fetch first 1 rows only) l""")
			.query(String.class)
			.list();
		byte[] key = (properties.key() != null && !properties.key().isBlank())
				? decode(properties.key(), "PINWARDEN_PIN_KEY") : fromKeyFile(properties.keyFile(), knownKeyIds);
		PinKeyRing ring = PinKeyRing.of(key, previousKeys(properties));
		for (String keyId : knownKeyIds) {
			if (!ring.hasKey(keyId)) {
				throw PinKeyUnavailableException.keyMissing(keyId, ring, properties);
			}
		}
		recordAsLatest(jdbc, ring.currentKeyId());
		log.info("PIN key '{}' loaded", ring.currentKeyId());
		return ring;
	}

	/** Records the current key as the one the database was last started with. */
	private static void recordAsLatest(JdbcClient jdbc, String keyId) {
		boolean latest = jdbc.sql(
				"select count(*) from pin_key where key_id = :id and created_at = (select max(created_at) from pin_key)")
			.param("id", keyId)
			.query(Long.class)
			.single() > 0;
		if (latest) {
			return;
		}
		if (jdbc.sql("update pin_key set created_at = current_timestamp where key_id = :id")
			.param("id", keyId)
			.update() == 1) {
			return;
		}
		try {
			jdbc.sql("insert into pin_key (key_id, created_at) values (:id, current_timestamp)")
				.param("id", keyId)
				.update();
		}
		catch (DuplicateKeyException ex) {
			// another node recorded it at the same moment
		}
	}

	/**
	 * Keys rotated out: their PINs still work until a regeneration gives them new ones.
	 */
	private static byte[][] previousKeys(PinProperties properties) {
		if (properties.previousKeys() == null || properties.previousKeys().isBlank()) {
			return new byte[0][];
		}
		return java.util.Arrays.stream(properties.previousKeys().split(","))
			.map(String::strip)
			.filter((text) -> !text.isEmpty())
			.map((text) -> decode(text, "PINWARDEN_PIN_PREVIOUS_KEYS"))
			.toArray(byte[][]::new);
	}

	private static byte[] fromKeyFile(Path keyFile, List<String> knownKeyIds) {
		if (Files.exists(keyFile)) {
			try {
				return decode(Files.readString(keyFile, StandardCharsets.US_ASCII).strip(), "the key file " + keyFile);
			}
			catch (IOException ex) {
				throw new PinKeyUnavailableException(
						"The PIN key file " + keyFile + " cannot be read: " + ex.getMessage(),
						"Make the file readable by the server, or set PINWARDEN_PIN_KEY.", ex);
			}
		}
		if (!knownKeyIds.isEmpty()) {
			throw new PinKeyUnavailableException(
					"The PIN key file " + keyFile + " is missing, but PINs exist that were hashed with it (key '"
							+ knownKeyIds.get(0) + "').",
					"Restore the key file from your backup (or set PINWARDEN_PIN_KEY to its content); on a further "
							+ "node, copy the first node's key. A new key would make every existing PIN fail, so none is created.");
		}
		return createKeyFile(keyFile);
	}

	private static byte[] createKeyFile(Path keyFile) {
		byte[] key = new byte[PinKeyRing.MIN_KEY_BYTES];
		new SecureRandom().nextBytes(key);
		try {
			Path dir = keyFile.toAbsolutePath().getParent();
			Files.createDirectories(dir);
			Files.writeString(keyFile, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII,
					StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
			restrictToOwner(keyFile);
		}
		catch (FileAlreadyExistsException ex) {
			// Another process created it between our check and our write: use theirs.
			return fromKeyFile(keyFile, List.of());
		}
		catch (IOException ex) {
			throw new PinKeyUnavailableException(
					"The PIN key file " + keyFile + " cannot be created: " + ex.getMessage(),
					"Make the data directory writable, or set PINWARDEN_PIN_KEY.", ex);
		}
		log.info("Created a new PIN key file {}; back it up: without it no stored PIN can be checked", keyFile);
		return key;
	}

	private static void restrictToOwner(Path file) throws IOException {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// Not a POSIX file system (Windows): the directory's own permissions apply.
		}
	}

	private static byte[] decode(String base64, String where) {
		byte[] key;
		try {
			key = Base64.getDecoder().decode(base64.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new PinKeyUnavailableException("The PIN key in " + where + " is not valid Base64.",
					"Give a key of at least 32 random bytes in Base64, for example from 'openssl rand -base64 32'.");
		}
		if (key.length < PinKeyRing.MIN_KEY_BYTES) {
			throw new PinKeyUnavailableException(
					"The PIN key in " + where + " has " + key.length + " bytes; at least " + PinKeyRing.MIN_KEY_BYTES
							+ " are needed.",
					"Give a key of at least 32 random bytes in Base64, for example from 'openssl rand -base64 32'.");
		}
		return key;
	}

}
