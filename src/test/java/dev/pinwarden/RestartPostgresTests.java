package dev.pinwarden;

import dev.pinwarden.support.Database;

class RestartPostgresTests extends RestartTests {

	RestartPostgresTests() {
		super(Database.POSTGRES);
	}

}
