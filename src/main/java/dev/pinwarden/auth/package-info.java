/**
 * The doors of the server: the security filter chains (the API over HTTP Basic, the pages
 * with a session, SCIM and terminals with bearer tokens, metrics with their token),
 * random tokens and their hashes, problem details written before a controller is reached,
 * and the SCIM tokens. Who logs in is {@link dev.pinwarden.login}'s business, terminals
 * {@link dev.pinwarden.terminal}'s. Owns {@code scim_token}.
 */
package dev.pinwarden.auth;
