package dev.pinwarden.login;

import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import dev.pinwarden.Audited;
import dev.pinwarden.attempt.Attempt;
import dev.pinwarden.attempt.AttemptLimiter;
import dev.pinwarden.attempt.AttemptsExhaustedException;
import dev.pinwarden.attempt.Limit;
import dev.pinwarden.auth.Roles;
import dev.pinwarden.pin.PinService;
import dev.pinwarden.settings.SecuritySettingsService;
import dev.pinwarden.user.User;
import dev.pinwarden.user.UserService;

/**
 * One login for everybody: an administrator with a password, or a user with a PIN. Each
 * login reserves its attempt within its budgets ({@link LoginLimits}) before the secret
 * is checked, so that no number of logins at once gets more wrong guesses checked than
 * the budget. Every failure looks the same, whatever was wrong: unknown user, wrong PIN
 * or password, deactivated or locked account; and takes as long.
 */
@Component
class LoginAuthenticationProvider implements AuthenticationProvider {

	static final String WRONG = "Wrong username, PIN or password";

	private final AdminAccounts admins;

	private final PasswordHashes hashes;

	private final UserService users;

	private final PinService pins;

	private final AttemptLimiter limiter;

	private final SecuritySettingsService settings;

	private final ApplicationEventPublisher events;

	LoginAuthenticationProvider(AdminAccounts admins, PasswordHashes hashes, UserService users, PinService pins,
			AttemptLimiter limiter, SecuritySettingsService settings, ApplicationEventPublisher events) {
		this.admins = admins;
		this.hashes = hashes;
		this.users = users;
		this.pins = pins;
		this.limiter = limiter;
		this.settings = settings;
		this.events = events;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String username = String.valueOf(authentication.getName()).strip();
		String secret = String.valueOf(authentication.getCredentials());
		String address = (authentication.getDetails() instanceof WebAuthenticationDetails details)
				? details.getRemoteAddress() : null;
		Optional<String> adminHash = this.admins.passwordHash(username);
		Optional<User> user = adminHash.isPresent() ? Optional.empty() : this.users.findByUsername(username);
		List<Limit> limits = adminHash.isPresent()
				? LoginLimits.forAdministrator(username, address, this.settings.get())
				: LoginLimits.forUser(username, user.map(User::id).orElse(null), address, this.settings.get());
		Attempt attempt;
		try {
			attempt = this.limiter.reserve(limits);
		}
		catch (AttemptsExhaustedException locked) {
			this.hashes.spendAsLongAsACheck(secret);
			throw new BadCredentialsException(WRONG);
		}
		try (attempt) {
			boolean right = adminHash.isPresent() ? this.hashes.matches(secret, adminHash.get())
					: isPinOf(user, secret);
			if (!right) {
				attempt.failed();
				this.events.publishEvent(user.isPresent() ? Audited.ofUser("login.failed", user.get().id(), null)
						: Audited.of("login.failed",
								adminHash.isPresent() ? "administrator " + username : "an unknown account",
								(address != null) ? "from " + address : null));
				throw new BadCredentialsException(WRONG);
			}
			attempt.succeeded();
			return adminHash.isPresent() ? authenticated(username, Roles.ADMIN)
					: authenticated(user.get().username(), Roles.USER);
		}
	}

	private boolean isPinOf(Optional<User> user, String secret) {
		// a PIN is checked in microseconds, a password in tens of milliseconds: the wait
		// keeps the timing from telling administrators' names apart
		this.hashes.spendAsLongAsACheck(secret);
		if (user.isEmpty() || !user.get().active()) {
			return false;
		}
		Optional<Long> holder = this.pins.findActiveHolder(secret);
		return holder.isPresent() && holder.get() == user.get().id();
	}

	private static Authentication authenticated(String username, String role) {
		return UsernamePasswordAuthenticationToken.authenticated(username, null,
				List.of(new SimpleGrantedAuthority("ROLE_" + role)));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
