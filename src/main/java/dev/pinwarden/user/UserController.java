package dev.pinwarden.user;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users")
class UserController {

	private final UserService users;

	private final UserViews views;

	private final DepartedCredentials departed;

	UserController(UserService users, UserViews views, DepartedCredentials departed) {
		this.users = users;
		this.views = views;
		this.departed = departed;
	}

	/**
	 * Deletes the PINs, temporary PINs and cards that deactivated users still hold, once.
	 */
	@PostMapping("/deactivated/credentials/delete")
	DepartedCredentials.Deleted deleteCredentialsOfDeactivated() {
		return this.departed.deleteOfDeactivated();
	}

	@PostMapping
	ResponseEntity<UserView> create(@RequestBody NewUser newUser) {
		UserService.CreatedUser created = this.users.create(newUser);
		UserView view = UserView.of(created.user(), 0, 0, created.generatedPin().map((p) -> p.pin()).orElse(null));
		return ResponseEntity.created(URI.create("/api/v1/users/" + view.id())).body(view);
	}

	@GetMapping
	UserPageView search(@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + UserQuery.DEFAULT_SIZE) int size) {
		UserService.UserPage result = this.users.search(new UserQuery(q, page, size));
		return new UserPageView(this.views.of(result.items()), result.page(), result.size(), result.total());
	}

	@GetMapping("/{id}")
	UserView get(@PathVariable long id) {
		return view(this.users.get(id));
	}

	@PatchMapping("/{id}")
	UserView update(@PathVariable long id, @RequestBody Map<String, Object> patch) {
		return view(this.users.update(id, UserChanges.of(patch)));
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable long id) {
		this.users.delete(id);
	}

	private UserView view(User user) {
		return this.views.of(user);
	}

	record UserPageView(List<UserView> items, int page, int size, long total) {
	}

}
