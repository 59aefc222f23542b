package dev.pinwarden.sync;

import java.util.function.Consumer;

/**
 * Where a sync reads its users from. It streams them, so that a directory of a million
 * users never sits in memory. A source that cannot be read at all throws; single bad
 * entries come as {@link SourceRecord.Rejected}.
 */
@FunctionalInterface
public interface UserSource {

	void read(Consumer<SourceRecord> records);

	/**
	 * About how many records {@link #read} will give, when known beforehand (a staged
	 * file's lines), for a job's progress; {@code null} otherwise.
	 */
	default Long expectedRecords() {
		return null;
	}

}
