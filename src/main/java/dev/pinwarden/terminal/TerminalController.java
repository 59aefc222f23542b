package dev.pinwarden.terminal;

import java.net.URI;
import java.util.List;

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

import dev.pinwarden.card.CardConversion;
import dev.pinwarden.settings.LoginMode;

/**
 * The admin's side of terminals: register (token shown once), change the login mode and
 * card conversion, list, revoke, unlock.
 */
@RestController
@RequestMapping("/api/v1/terminals")
class TerminalController {

	private final TerminalService terminals;

	TerminalController(TerminalService terminals) {
		this.terminals = terminals;
	}

	@PostMapping
	ResponseEntity<RegisteredTerminal> register(@RequestBody TerminalBody body) {
		RegisteredTerminal terminal = this.terminals.register(body.setup());
		return ResponseEntity.created(URI.create("/api/v1/terminals/" + terminal.id())).body(terminal);
	}

	@PutMapping("/{id}")
	Terminal update(@PathVariable long id, @RequestBody TerminalBody body) {
		return this.terminals.update(id, body.setup());
	}

	@GetMapping
	List<Terminal> list() {
		return this.terminals.list();
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revoke(@PathVariable long id) {
		this.terminals.revoke(id);
	}

	/** An administrator ends the terminal's lock and forgets its wrong PINs. */
	@PostMapping("/{id}/unlock")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void unlock(@PathVariable long id) {
		this.terminals.unlock(id);
	}

	/** A terminal's name, and its login mode and card conversion if it has its own. */
	record TerminalBody(String name, LoginMode loginMode, List<Object> cardConversion) {

		TerminalSetup setup() {
			return new TerminalSetup(this.name, this.loginMode, CardConversion.of(this.cardConversion));
		}

	}

}
