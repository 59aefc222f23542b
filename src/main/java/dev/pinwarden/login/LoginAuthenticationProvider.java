package dev.pinwarden.login;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import dev.pinwarden.pin.PinService;
import dev.pinwarden.user.User;
import dev.pinwarden.user.UserService;
import dev.pinwarden.auth.Roles;

/**
 * One login for everybody: an administrator with a password, or a user with a PIN. Every
 * failure looks the same, whatever was wrong: unknown user, wrong PIN or password,
 * deactivated account.
 */
@Component
class LoginAuthenticationProvider implements AuthenticationProvider {

	static final String WRONG = "Wrong username, PIN or password";

	private final AdminAccounts admins;

	private final PasswordEncoder encoder;

	private final UserService users;

	private final PinService pins;

	private final LoginThrottle throttle;

	private final String dummyHash;

	LoginAuthenticationProvider(AdminAccounts admins, PasswordEncoder encoder, UserService users, PinService pins,
			LoginThrottle throttle) {
		this.admins = admins;
		this.encoder = encoder;
		this.users = users;
		this.pins = pins;
		this.throttle = throttle;
		// made once, when this was written, rather than at every start: a bcrypt costs
		// startup time and its only use is to take as long as a real check
		this.dummyHash = "{bcrypt}$2a$10$Iq7BhLmFIAZdxniXypkk4uC6OYk1oZKFbJugwO5GR3PiJyWweTVS.";
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String username = String.valueOf(authentication.getName()).strip();
		String secret = String.valueOf(authentication.getCredentials());
		String accountKey = LoginThrottle.key("account", username.toLowerCase(Locale.ROOT));
		List<String> keys = new ArrayList<>(List.of(accountKey));
		if (authentication.getDetails() instanceof WebAuthenticationDetails details
				&& details.getRemoteAddress() != null) {
			keys.add(LoginThrottle.key("address", details.getRemoteAddress()));
		}
		if (this.throttle.isLocked(keys)) {
			// locked looks like wrong, and takes as long
			this.encoder.matches(secret, this.dummyHash);
			throw new BadCredentialsException(WRONG);
		}
		Optional<Authentication> result = check(username, secret);
		if (result.isEmpty()) {
			this.throttle.recordFailure(keys);
			throw new BadCredentialsException(WRONG);
		}
		this.throttle.recordSuccess(accountKey);
		return result.get();
	}

	private Optional<Authentication> check(String username, String secret) {
		Optional<String> adminHash = this.admins.passwordHash(username);
		if (adminHash.isPresent()) {
			return this.encoder.matches(secret, adminHash.get()) ? Optional.of(authenticated(username, Roles.ADMIN))
					: Optional.empty();
		}
		// a user's PIN is checked in microseconds, an admin's password in tens of
		// milliseconds:
		// a dummy check keeps the timing from telling administrators' names apart
		this.encoder.matches(secret, this.dummyHash);
		Optional<User> user = this.users.findByUsername(username).filter(User::active);
		Optional<Long> holder = this.pins.findActiveHolder(secret);
		if (user.isPresent() && holder.isPresent() && holder.get() == user.get().id()) {
			return Optional.of(authenticated(user.get().username(), Roles.USER));
		}
		return Optional.empty();
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
