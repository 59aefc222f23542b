package dev.pinwarden.user;

import dev.pinwarden.support.OnPostgres;

/**
 * PostgreSQL reports a deadlock at once: a hundred rounds.
 */
@OnPostgres
class LockOrderPostgresTests extends LockOrderTests {

	@Override
	int rounds() {
		return 100;
	}

}
