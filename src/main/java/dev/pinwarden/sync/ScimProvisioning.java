package dev.pinwarden.sync;

import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.user.SyncedUser;
import dev.pinwarden.user.User;
import dev.pinwarden.user.UserChanges;
import dev.pinwarden.user.UserService;
import dev.pinwarden.user.UsernameTakenException;

/**
 * What an identity provider changes through SCIM, each change in one transaction: a
 * create of a name somebody holds (or takes at the same moment) is a conflict, never a
 * takeover; a replace or patch reads the user and writes it while holding its row, so
 * that two patches at once both take effect. A provider sees and changes only the users
 * it provisioned: the others are not found, so that a SCIM token cannot change another
 * source's user (its address, say, and then reset its PIN).
 */
@Service
class ScimProvisioning {

	static final String SCIM = "scim";

	private final SyncPipeline pipeline;

	private final UserService users;

	ScimProvisioning(SyncPipeline pipeline, UserService users) {
		this.pipeline = pipeline;
		this.users = users;
	}

	@Transactional
	long create(SyncedUser user) {
		// a user of another source (by hand, CSV, LDAP) is not SCIM's to take over
		if (this.users.findByUsername(user.user().username()).isPresent()) {
			throw taken(user);
		}
		try {
			return this.pipeline.createOne(SCIM, user);
		}
		catch (DuplicateKeyException | UsernameTakenException ex) {
			// created by another request at the same moment
			throw taken(user);
		}
	}

	@Transactional
	long replace(String id, JsonNode resource) {
		User existing = lock(id);
		return apply(existing, ScimUsers.fromResource(resource));
	}

	@Transactional
	long patch(String id, JsonNode patch) {
		User existing = lock(id);
		ScimUsers.ScimPatch patched = ScimUsers.patched(existing, patch);
		long userId = apply(existing, patched.user());
		this.pipeline.changeCards(SCIM, userId, patched.cardsAdded(), patched.cardsRemoved());
		return userId;
	}

	@Transactional
	void deactivate(String id) {
		User existing = lock(id);
		this.users.updateFromSource(existing.id(), UserChanges.of(Map.of("active", false)));
	}

	/** The provider's user with this id. */
	User user(String id) {
		return this.users.find(number(id))
			.filter(ScimProvisioning::isScims)
			.orElseThrow(() -> new ScimNotFoundException(id));
	}

	static boolean isScims(User user) {
		return SCIM.equals(user.source());
	}

	/** The provider's user, its row held until the transaction ends. */
	private User lock(String id) {
		long number = number(id);
		this.users.lock(number);
		return user(id);
	}

	/**
	 * Applies a replace or patch to the user it names by id. A new {@code userName} (an
	 * identity provider's answer to a changed UPN) renames the user, who keeps its id,
	 * PIN and cards; another user's name, even by Unicode case rules, is refused as a
	 * conflict.
	 */
	private long apply(User existing, SyncedUser changed) {
		try {
			this.users.rename(existing.id(), changed.user().username(), SCIM);
		}
		catch (UsernameTakenException ex) {
			throw new ScimConflictException("userName '" + changed.user().username() + "' belongs to another user");
		}
		return this.pipeline.applyOne(SCIM, changed);
	}

	private static long number(String id) {
		try {
			return Long.parseLong(id);
		}
		catch (NumberFormatException ex) {
			throw new ScimNotFoundException(id);
		}
	}

	private static ScimConflictException taken(SyncedUser user) {
		return new ScimConflictException("A user with userName '" + user.user().username() + "'"
				+ ((user.externalId() != null) ? " or externalId '" + user.externalId() + "'" : "")
				+ " already exists");
	}

}
