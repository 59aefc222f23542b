package dev.pinwarden.login;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Password hash checks (bcrypt, tens of milliseconds of CPU each) for logins that nobody
 * has authenticated yet, at most one fewer at a time than the machine has cores (one on a
 * single core). A flood of logins then queues here and leaves a core to the terminals and
 * the database; a login that waits too long for its turn is refused as busy
 * ({@link LoginsBusyException}), so that waiting requests cannot take every server thread
 * either.
 */
@Component
class PasswordHashes {

	/** How long a login waits for a free core before it is refused as busy. */
	static final long WAIT_MILLIS = 2_000;

	/**
	 * A bcrypt hash of nothing anybody types, checked where no real hash is (a user's
	 * login, a locked account), so that every login takes as long as an administrator's.
	 * Made once, when this was written: computing one costs start-up time.
	 */
	private static final String DUMMY_HASH = "{bcrypt}$2a$10$Iq7BhLmFIAZdxniXypkk4uC6OYk1oZKFbJugwO5GR3PiJyWweTVS.";

	private final PasswordEncoder encoder;

	private final Semaphore cores;

	@Autowired
	PasswordHashes(PasswordEncoder encoder) {
		this(encoder, Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
	}

	PasswordHashes(PasswordEncoder encoder, int atOnce) {
		this.encoder = encoder;
		this.cores = new Semaphore(atOnce, true);
	}

	boolean matches(String raw, String hash) {
		acquire();
		try {
			return this.encoder.matches(raw, hash);
		}
		finally {
			this.cores.release();
		}
	}

	/** Takes as long as {@link #matches} and says nothing. */
	void spendAsLongAsACheck(String raw) {
		matches(raw, DUMMY_HASH);
	}

	String encode(String raw) {
		acquire();
		try {
			return this.encoder.encode(raw);
		}
		finally {
			this.cores.release();
		}
	}

	private void acquire() {
		try {
			if (!this.cores.tryAcquire(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
				throw new LoginsBusyException();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LoginsBusyException();
		}
	}

}
