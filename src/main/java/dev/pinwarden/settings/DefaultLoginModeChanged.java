package dev.pinwarden.settings;

/**
 * The terminals' default login mode was changed, in the transaction that is still running
 * and holds the settings row. Listeners run in that transaction (a plain synchronous
 * event), so whatever they derive from the default commits with it or not at all.
 */
public record DefaultLoginModeChanged(LoginMode mode) {
}
