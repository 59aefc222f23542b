package dev.pinwarden;

import dev.pinwarden.support.Database;

class RestartH2Tests extends RestartTests {

	RestartH2Tests() {
		super(Database.H2);
	}

}
