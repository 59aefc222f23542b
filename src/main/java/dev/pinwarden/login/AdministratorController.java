package dev.pinwarden.login;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.pinwarden.login.AdminAccounts.Administrator;

@RestController
@RequestMapping("/api/v1/admins")
class AdministratorController {

	private final Administrators administrators;

	AdministratorController(Administrators administrators) {
		this.administrators = administrators;
	}

	@PutMapping("/me/password")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void changeOwnPassword(Principal principal, @RequestBody Administrators.PasswordChange change,
			HttpServletRequest request) {
		this.administrators.changeOwnPassword(principal.getName(), change, request.getRemoteAddr());
	}

	@GetMapping
	List<Administrator> list() {
		return this.administrators.list();
	}

	@PostMapping
	ResponseEntity<Administrator> create(@RequestBody Administrators.NewAdministrator admin) {
		Administrator created = this.administrators.create(admin);
		return ResponseEntity.created(URI.create("/api/v1/admins/" + created.username())).body(created);
	}

	@DeleteMapping("/{username}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable String username) {
		this.administrators.delete(username);
	}

	/** Ends the locks of an administrator's logins. */
	@PostMapping("/{username}/unlock")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void unlock(@PathVariable String username) {
		this.administrators.unlock(username);
	}

}
