/**
 * The attempt limiter: one budget mechanism
 * ({@link dev.pinwarden.attempt.AttemptLimiter}) for everything that checks a guessable
 * secret (terminal PIN checks, logins, reset codes), with its one table
 * {@code attempt_limit}. It depends on no other module; when a key is locked it publishes
 * {@link dev.pinwarden.Audited} in the transaction that counted the attempt.
 */
package dev.pinwarden.attempt;
