package dev.pinwarden.auth;

import java.util.List;
import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import dev.pinwarden.pin.PinService;
import dev.pinwarden.user.User;
import dev.pinwarden.user.UserService;

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

	LoginAuthenticationProvider(AdminAccounts admins, PasswordEncoder encoder, UserService users, PinService pins) {
		this.admins = admins;
		this.encoder = encoder;
		this.users = users;
		this.pins = pins;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String username = String.valueOf(authentication.getName()).strip();
		String secret = String.valueOf(authentication.getCredentials());
		Optional<String> adminHash = this.admins.passwordHash(username);
		if (adminHash.isPresent()) {
			if (this.encoder.matches(secret, adminHash.get())) {
				return authenticated(username, Roles.ADMIN);
			}
			throw new BadCredentialsException(WRONG);
		}
		Optional<User> user = this.users.findByUsername(username).filter(User::active);
		Optional<Long> holder = this.pins.findActiveHolder(secret);
		if (user.isPresent() && holder.isPresent() && holder.get() == user.get().id()) {
			return authenticated(user.get().username(), Roles.USER);
		}
		throw new BadCredentialsException(WRONG);
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
