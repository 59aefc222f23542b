package dev.pinwarden.login;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import dev.pinwarden.auth.Roles;
import dev.pinwarden.auth.SessionAccounts;
import dev.pinwarden.user.User;
import dev.pinwarden.user.UserService;

/**
 * A page session lasts while its administrator exists, or its user exists and is active.
 */
@Component
class LoginSessionAccounts implements SessionAccounts {

	private final AdminAccounts admins;

	private final UserService users;

	LoginSessionAccounts(AdminAccounts admins, UserService users) {
		this.admins = admins;
		this.users = users;
	}

	@Override
	public boolean stillValid(Authentication authentication) {
		boolean admin = authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> authority.getAuthority().equals("ROLE_" + Roles.ADMIN));
		return admin ? this.admins.passwordHash(authentication.getName()).isPresent()
				: this.users.findByUsername(authentication.getName()).filter(User::active).isPresent();
	}

}
