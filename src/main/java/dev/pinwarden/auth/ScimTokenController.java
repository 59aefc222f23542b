package dev.pinwarden.auth;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/scim-tokens")
class ScimTokenController {

	private final ScimTokens tokens;

	record NewScimToken(String name) {
	}

	ScimTokenController(ScimTokens tokens) {
		this.tokens = tokens;
	}

	@PostMapping
	ResponseEntity<ScimTokens.IssuedToken> create(@RequestBody NewScimToken body) {
		ScimTokens.IssuedToken token = this.tokens.create(body.name());
		return ResponseEntity.created(URI.create("/api/v1/scim-tokens/" + token.id())).body(token);
	}

	@GetMapping
	List<ScimTokens.ScimToken> list() {
		return this.tokens.list();
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revoke(@PathVariable long id) {
		this.tokens.revoke(id);
	}

}
