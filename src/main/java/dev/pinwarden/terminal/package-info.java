/**
 * Printer terminals: registering and revoking them (a random token, shown once, stored
 * only as a SHA-256 hash) and the terminal API that turns a typed PIN into the user
 * holding it, in one query, within the terminal's budget of wrong PINs. Owns
 * {@code terminal}.
 */
package dev.pinwarden.terminal;
