package dev.pinwarden.sync;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.pinwarden.user.User;
import dev.pinwarden.user.UserService;

/**
 * SCIM 2.0 provisioning of users (RFC 7644) for identity providers. Users pushed here go
 * through the same {@link SyncPipeline} rules as any sync. DELETE deactivates: a user
 * removed from the identity provider loses printer access, but its history stays.
 */
@RestController
@RequestMapping(path = "/scim/v2", produces = { "application/scim+json", "application/json" })
class ScimController {

	static final String SCIM = ScimProvisioning.SCIM;

	private static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

	private static final Pattern USERNAME_EQ = Pattern.compile("\\s*userName\\s+eq\\s+\"((?:[^\"\\\\]|\\\\.)*)\"\\s*",
			Pattern.CASE_INSENSITIVE);

	private static final int MAX_COUNT = 500;

	private final ScimProvisioning provisioning;

	private final UserService users;

	private final String baseUrl;

	ScimController(ScimProvisioning provisioning, UserService users,
			@Value("${pinwarden.mail.public-url:http://localhost:8080}") String baseUrl) {
		this.provisioning = provisioning;
		this.users = users;
		this.baseUrl = baseUrl;
	}

	@PostMapping("/Users")
	ResponseEntity<Map<String, Object>> create(@RequestBody JsonNode resource) {
		long id = this.provisioning.create(ScimUsers.fromResource(resource));
		Map<String, Object> created = ScimUsers.resource(this.users.get(id), this.baseUrl);
		return ResponseEntity.created(URI.create(this.baseUrl + "/scim/v2/Users/" + id)).body(created);
	}

	@GetMapping("/Users/{id}")
	Map<String, Object> get(@PathVariable String id) {
		return ScimUsers.resource(this.provisioning.user(id), this.baseUrl);
	}

	@GetMapping("/Users")
	Map<String, Object> search(@RequestParam(required = false) String filter,
			@RequestParam(defaultValue = "1") long startIndex, @RequestParam(defaultValue = "100") int count) {
		long start = Math.max(1, startIndex);
		int size = Math.max(0, Math.min(count, MAX_COUNT));
		List<User> found;
		long total;
		if (filter != null && !filter.isBlank()) {
			Matcher matcher = USERNAME_EQ.matcher(filter);
			if (!matcher.matches()) {
				throw ScimUsers.invalid("invalidFilter", "Only filters of the form userName eq \"...\" are supported");
			}
			found = this.users.findByUsername(matcher.group(1).replaceAll("\\\\(.)", "$1"))
				.filter(ScimProvisioning::isScims)
				.stream()
				.toList();
			total = found.size();
			found = (start == 1) ? found.subList(0, Math.min(size, found.size())) : List.of();
		}
		else {
			UserService.UserPage page = this.users.findSlice(SCIM, start - 1, Math.max(size, 1));
			found = (size == 0) ? List.of() : page.items();
			total = page.total();
		}
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("schemas", List.of(LIST_RESPONSE));
		response.put("totalResults", total);
		response.put("startIndex", start);
		response.put("itemsPerPage", found.size());
		response.put("Resources", found.stream().map((user) -> ScimUsers.resource(user, this.baseUrl)).toList());
		return response;
	}

	@PutMapping("/Users/{id}")
	Map<String, Object> replace(@PathVariable String id, @RequestBody JsonNode resource) {
		return ScimUsers.resource(this.users.get(this.provisioning.replace(id, resource)), this.baseUrl);
	}

	@PatchMapping("/Users/{id}")
	Map<String, Object> patch(@PathVariable String id, @RequestBody JsonNode patch) {
		return ScimUsers.resource(this.users.get(this.provisioning.patch(id, patch)), this.baseUrl);
	}

	@DeleteMapping("/Users/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable String id) {
		this.provisioning.deactivate(id);
	}

	@GetMapping("/ServiceProviderConfig")
	Map<String, Object> serviceProviderConfig() {
		return ScimDiscovery.serviceProviderConfig(this.baseUrl);
	}

	@GetMapping("/ResourceTypes")
	Map<String, Object> resourceTypes() {
		return ScimDiscovery.resourceTypes(this.baseUrl);
	}

	@GetMapping("/ResourceTypes/{id}")
	Map<String, Object> resourceType(@PathVariable String id) {
		if (!id.equals("User")) {
			throw new ScimNotFoundException("ResourceType " + id);
		}
		return ScimDiscovery.userResourceType(this.baseUrl);
	}

	@GetMapping("/Schemas")
	Map<String, Object> schemas() {
		return ScimDiscovery.schemas(this.baseUrl);
	}

	@GetMapping("/Schemas/{id}")
	Map<String, Object> schema(@PathVariable String id) {
		if (id.equals(ScimUsers.CARDS_SCHEMA)) {
			return ScimDiscovery.cardsSchema(this.baseUrl);
		}
		if (!id.equals(ScimUsers.USER_SCHEMA)) {
			throw new ScimNotFoundException("Schema " + id);
		}
		return ScimDiscovery.userSchema(this.baseUrl);
	}

	/**
	 * Pinwarden has no groups: a provider that looks for them is told so, in SCIM's
	 * words.
	 */
	@RequestMapping({ "/Groups", "/Groups/**" })
	Map<String, Object> groups() {
		throw new ScimNotFoundException("Groups (Pinwarden keeps users only)");
	}

}
