package dev.pinwarden.settings;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/settings/terminals")
class TerminalSettingsController {

	private final TerminalSettingsService settings;

	TerminalSettingsController(TerminalSettingsService settings) {
		this.settings = settings;
	}

	@GetMapping
	TerminalSettings get() {
		return this.settings.get();
	}

	@PutMapping
	TerminalSettings update(@RequestBody TerminalSettings change) {
		return this.settings.update(change);
	}

}
