package dev.pinwarden.sync;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.pinwarden.user.SyncedUsers.LineError;

/** The running totals of a sync run, and the report they make. */
final class SyncCounts {

	static final int MAX_ERRORS_KEPT = 1000;

	int created;

	int updated;

	int deactivated;

	int pinsGenerated;

	int skippedWithoutEmail;

	int keptDeactivated;

	int renamed;

	int seen;

	int errorCount;

	private final List<LineError> errors = new ArrayList<>();

	void error(LineError error) {
		this.errorCount++;
		if (this.errors.size() < MAX_ERRORS_KEPT) {
			this.errors.add(error);
		}
	}

	SyncReport report(long runId) {
		return new SyncReport(runId, this.created, this.updated, this.deactivated, this.pinsGenerated,
				this.skippedWithoutEmail, this.keptDeactivated, this.renamed, this.errorCount,
				this.errors.stream().sorted(Comparator.comparingLong(LineError::line)).toList());
	}

}
