package dev.pinwarden.login;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.pinwarden.Audited;
import dev.pinwarden.attempt.AttemptLimiter;
import dev.pinwarden.user.User;
import dev.pinwarden.user.UserService;

/** An administrator ends the lock of a user's logins. */
@RestController
class UserLoginLockController {

	private final UserService users;

	private final AttemptLimiter limiter;

	private final ApplicationEventPublisher events;

	UserLoginLockController(UserService users, AttemptLimiter limiter, ApplicationEventPublisher events) {
		this.users = users;
		this.limiter = limiter;
		this.events = events;
	}

	@PostMapping("/api/v1/users/{id}/unlock")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void unlock(@PathVariable long id) {
		User user = this.users.get(id);
		if (this.limiter.unlock(LoginLimits.userKey(user.username()))) {
			this.events.publishEvent(Audited.ofUser("login.unlocked", id, null));
		}
	}

}
