/**
 * Who may do what: the built-in administrator (HTTP Basic on the admin API), printer
 * terminals and their tokens, and the terminal API that turns a PIN into a user. Tokens
 * are random, shown once and stored only as a SHA-256 hash.
 */
package dev.pinwarden.auth;
