package dev.pinwarden.user;

import dev.pinwarden.support.OnH2;

/**
 * H2 waits for its lock timeout (10 s) where PostgreSQL would report a deadlock: fewer
 * rounds show it.
 */
@OnH2
class LockOrderH2Tests extends LockOrderTests {

	@Override
	int rounds() {
		return 20;
	}

}
