package dev.pinwarden.login;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import dev.pinwarden.auth.AuthProperties;

/**
 * Creates the administrator {@code admin} on the first start, so that the server is
 * usable with no setup. The password comes from {@code PINWARDEN_ADMIN_PASSWORD}, or is
 * generated and printed once: it is stored only as a hash and cannot be shown again.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

	static final String ADMIN = "admin";

	private final AdminAccounts accounts;

	private final PasswordEncoder encoder;

	private final AuthProperties properties;

	AdminBootstrap(AdminAccounts accounts, PasswordEncoder encoder, AuthProperties properties) {
		this.accounts = accounts;
		this.encoder = encoder;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.accounts.anyExists()) {
			return;
		}
		boolean given = this.properties.adminPassword() != null && !this.properties.adminPassword().isBlank();
		String password = given ? this.properties.adminPassword() : generatePassword();
		try {
			this.accounts.create(ADMIN, this.encoder.encode(password));
		}
		catch (DuplicateKeyException ex) {
			return; // another node created it at the same moment
		}
		if (given) {
			log.info("Created the administrator '{}' with the password from PINWARDEN_ADMIN_PASSWORD", ADMIN);
		}
		else {
			// Deliberately printed, once: it is the only way to learn the generated
			// password.
			log.warn(
					"\n\n    Created the administrator '{}'. Its generated password, shown only this once: {}\n"
							+ "    Set PINWARDEN_ADMIN_PASSWORD before the first start to choose it instead.\n",
					ADMIN, password);
		}
	}

	private static String generatePassword() {
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
