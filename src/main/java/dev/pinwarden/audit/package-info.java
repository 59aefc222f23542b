/**
 * The audit log ({@code audit_event}): every PIN event (generated and by whom, set,
 * deleted, reset requested and completed), terminal failures and throttling, settings and
 * template changes, tokens created and revoked, sync runs; who did it and when, never a
 * secret. It listens to {@link dev.pinwarden.Audited} and
 * {@link dev.pinwarden.pin.PinsGenerated} synchronously, in the transaction that did the
 * thing: the event is recorded with it or not at all, and a failing record rolls it back.
 * It depends on {@code pin} for that event and on {@code jdbc}, and no module depends on
 * it.
 */
@OwnedTable("audit_event")
@ApplicationModule(allowedDependencies = { "jdbc", "pin" })
package dev.pinwarden.audit;

import dev.pinwarden.OwnedTable;
import org.springframework.modulith.ApplicationModule;
