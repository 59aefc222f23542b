package dev.pinwarden.user;

/** A user with an email address: what a mail to the user needs. */
public record Recipient(long id, String username, String fullName, String email) {
}
