/**
 * Logins: one authentication provider for the pages and HTTP Basic (administrators with a
 * password, users with their PIN), within budgets of wrong logins per account and per
 * source address; the administrator accounts and the first start's {@code admin}. Owns
 * {@code administrator}.
 */
package dev.pinwarden.login;
