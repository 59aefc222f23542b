package dev.pinwarden.card;

/**
 * A user tied an unknown card to themselves at a terminal. Published in the transaction
 * that added the card: a listener's work (the notice to the user) commits with the card,
 * or neither does.
 *
 * @param userId the card's holder
 * @param hint the card's last 4 characters
 * @param terminalName where it was registered
 */
public record CardRegistered(long userId, String hint, String terminalName) {
}
