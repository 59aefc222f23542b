package dev.pinwarden.sync;

import java.util.List;

import dev.pinwarden.user.SyncedUsers.LineError;

/**
 * What a sync did.
 *
 * @param keptDeactivated users the source lists as active whom an administrator
 * deactivated by hand, and who stay deactivated
 * @param renamed of the updated users, those found by their source's stable id under a
 * new user name: the same users, with their PINs, cards and history
 * @param errors the entries that were skipped, with their line (at most
 * {@value SyncCounts#MAX_ERRORS_KEPT}; {@code errorCount} counts them all)
 */
public record SyncReport(long runId, int created, int updated, int deactivated, int pinsGenerated,
		int skippedWithoutEmail, int keptDeactivated, int renamed, int errorCount, List<LineError> errors) {

}
