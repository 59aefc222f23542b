package dev.pinwarden.user;

/**
 * A user was deleted, in the transaction that is still running: listeners that keep rows
 * about the user forget it in the same transaction.
 */
public record UserDeleted(long userId) {
}
