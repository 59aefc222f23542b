/**
 * The audit log: every PIN event (generated and by whom, set, deleted, reset requested
 * and completed), terminal failures and throttling, settings and template changes, tokens
 * created and revoked, sync runs; who did it and when, never a secret. It listens to the
 * other modules' events and depends on them, never the other way round.
 */
package dev.pinwarden.audit;
