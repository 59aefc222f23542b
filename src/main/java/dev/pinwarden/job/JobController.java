package dev.pinwarden.job;

import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Following and cancelling jobs, on any node. */
@RestController
class JobController {

	private final Jobs jobs;

	JobController(Jobs jobs) {
		this.jobs = jobs;
	}

	@GetMapping("/api/v1/jobs/{id}")
	Job get(@PathVariable long id) {
		return this.jobs.get(id);
	}

	@GetMapping("/api/v1/jobs")
	Map<String, List<Job>> list(@RequestParam(required = false) String state) {
		return Map.of("items", this.jobs.list(state));
	}

	@PostMapping("/api/v1/jobs/{id}/cancel")
	Job cancel(@PathVariable long id) {
		return this.jobs.cancel(id);
	}

}
