/**
 * The authentication settings an admin steers, so far the PIN section: whether users can
 * change their PIN, the minimal PIN length, whether new users get a generated PIN and
 * whether new PINs are mailed. One row, changed under optimistic locking. It serves the
 * minimal length to the PIN core through
 * {@link dev.pinwarden.pin.MinimalPinLengthSource}.
 */
package dev.pinwarden.settings;
