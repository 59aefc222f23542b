/**
 * The doors of the server: the security filter chains (the API over HTTP Basic, the pages
 * with a session, SCIM and terminals with bearer tokens, metrics with their token),
 * random tokens and their hashes, problem details written before a controller is reached,
 * and the SCIM tokens ({@code scim_token}). Who logs in is {@link dev.pinwarden.login}'s
 * business, terminals {@link dev.pinwarden.terminal}'s. It uses no other module but
 * {@code jdbc}: the filter chains take Spring Security's interfaces and its own
 * {@link dev.pinwarden.auth.SessionAccounts}, which other modules implement.
 */
@OwnedTable("scim_token")
@ApplicationModule(allowedDependencies = { "jdbc" })
package dev.pinwarden.auth;

import dev.pinwarden.OwnedTable;
import org.springframework.modulith.ApplicationModule;
