package dev.pinwarden.sync;

import java.util.List;

import dev.pinwarden.user.UserSync.LineError;

/**
 * What a sync did.
 *
 * @param errors the entries that were skipped, with their line (at most
 * {@value SyncCounts#MAX_ERRORS_KEPT}; {@code errorCount} counts them all)
 */
public record SyncReport(long runId, int created, int updated, int deactivated, int pinsGenerated,
		int skippedWithoutEmail, int errorCount, List<LineError> errors) {

}
