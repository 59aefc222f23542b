package dev.pinwarden.keys;

import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PinKeyController {

	private final PinKeys keys;

	PinKeyController(PinKeys keys) {
		this.keys = keys;
	}

	@GetMapping("/api/v1/keys")
	List<Map<String, Object>> list() {
		return this.keys.list();
	}

	@PostMapping("/api/v1/keys/reseal")
	Map<String, Integer> reseal() {
		return Map.of("resealed", this.keys.reseal());
	}

}
