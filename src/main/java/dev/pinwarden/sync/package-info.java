/**
 * Users brought in from outside: a CSV file, an LDAP or Active Directory server, a SCIM
 * 2.0 identity provider. Every source feeds the one
 * {@link dev.pinwarden.sync.SyncPipeline} (source, checked user records, upsert in
 * batches, PIN generation, outbox), so the product's sync rules live in one place; every
 * run is recorded with its counts and errors.
 */
package dev.pinwarden.sync;
