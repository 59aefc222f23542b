/**
 * Users brought in from outside: a CSV file, an LDAP or Active Directory server
 * ({@code ldap_source}), a SCIM 2.0 identity provider. Every source feeds the one
 * {@link dev.pinwarden.sync.SyncPipeline} (source, checked user records, upsert in
 * batches, PIN generation, outbox), so the product's sync rules live in one place; every
 * run is recorded with its counts and errors ({@code sync_run}, {@code sync_run_error}).
 * It writes users through {@code user}'s {@link dev.pinwarden.user.SyncedUsers}, PINs
 * through {@code pin}, cards through {@code card}, and runs as a {@code job} when asked
 * to.
 */
@OwnedTable("ldap_source")
@OwnedTable("sync_run")
@OwnedTable("sync_run_error")
@ApplicationModule(allowedDependencies = { "card", "jdbc", "job", "pin", "settings", "user" })
package dev.pinwarden.sync;

import dev.pinwarden.OwnedTable;
import org.springframework.modulith.ApplicationModule;
