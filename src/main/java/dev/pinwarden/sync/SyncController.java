package dev.pinwarden.sync;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.pinwarden.InvalidInputException;
import dev.pinwarden.job.Jobs;
import dev.pinwarden.job.StagedInput;

@RestController
class SyncController {

	private final CsvSync csv;

	private final SyncRuns runs;

	private final LdapSync ldap;

	SyncController(CsvSync csv, SyncRuns runs, LdapSync ldap) {
		this.csv = csv;
		this.runs = runs;
		this.ldap = ldap;
	}

	/**
	 * The body is read as it arrives, so a file of any size is never held in memory; with
	 * {@code Prefer: respond-async} it is staged (sealed, see {@link StagedInput}) and
	 * the sync runs as a job.
	 */
	@PostMapping(path = "/api/v1/sync/csv", consumes = { "text/csv", "application/octet-stream" })
	ResponseEntity<Object> csv(InputStream body, @RequestParam(defaultValue = "false") boolean deactivateMissing,
			@RequestHeader(name = "Prefer", required = false) String prefer) throws IOException {
		if (!Jobs.prefersAsync(prefer)) {
			return ResponseEntity.ok(this.csv.sync(body, deactivateMissing));
		}
		return Jobs.accepted(this.csv.start(body, deactivateMissing));
	}

	@GetMapping("/api/v1/sync/ldap")
	LdapSource ldap() {
		return this.ldap.find()
			.orElseThrow(() -> new SyncSourceException("ldap_not_configured", "No LDAP source is configured yet"));
	}

	@PutMapping("/api/v1/sync/ldap")
	LdapSource configureLdap(@RequestBody LdapSourceChange change) {
		return this.ldap.configure(change);
	}

	@PostMapping("/api/v1/sync/ldap/run")
	ResponseEntity<Object> runLdap(@RequestHeader(name = "Prefer", required = false) String prefer) {
		if (!Jobs.prefersAsync(prefer)) {
			return ResponseEntity.ok(this.ldap.run());
		}
		return Jobs.accepted(this.ldap.start());
	}

	/** Binds and searches for one entry, to check the configuration. */
	@PostMapping("/api/v1/sync/ldap/test")
	Map<String, Object> testLdap() {
		int found = this.ldap.test();
		return Map.of("ok", true, "entriesFound", found);
	}

	@GetMapping("/api/v1/sync/runs")
	List<SyncRuns.SyncRun> runs(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		if (page < 0 || page > 100_000 || size < 1 || size > 200) {
			throw new InvalidInputException("size", "page must be 0 to 100000 and size 1 to 200");
		}
		return this.runs.list((long) page * size, size);
	}

}
