package dev.pinwarden.sync;

import dev.pinwarden.user.SyncedUser;

/**
 * One entry read from a source: a user, or the reason its line could not be read.
 */
public sealed interface SourceRecord {

	long line();

	record User(SyncedUser user) implements SourceRecord {

		@Override
		public long line() {
			return this.user.line();
		}

	}

	record Rejected(long line, String message) implements SourceRecord {
	}

}
