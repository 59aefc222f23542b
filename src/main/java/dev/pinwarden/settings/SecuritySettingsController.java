package dev.pinwarden.settings;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/settings/security")
class SecuritySettingsController {

	private final SecuritySettingsService settings;

	SecuritySettingsController(SecuritySettingsService settings) {
		this.settings = settings;
	}

	@GetMapping
	SecuritySettings get() {
		return this.settings.get();
	}

	@PutMapping
	SecuritySettings update(@RequestBody SecuritySettings change) {
		return this.settings.update(change);
	}

}
