/**
 * The authentication settings an admin steers: the PIN section (whether users can change
 * their PIN, the minimal PIN length, whether new users get a generated PIN and whether
 * new PINs are mailed), the security section (budgets of wrong PINs and logins, lock
 * times, self-service generations a day) and the terminals' section (the default
 * {@link dev.pinwarden.settings.LoginMode}, self-registration of unknown cards, their
 * budget). One row each ({@code pin_settings}, {@code security_settings},
 * {@code terminal_settings}), changed under optimistic locking; a change of the default
 * login mode is published ({@link dev.pinwarden.settings.DefaultLoginModeChanged}) for
 * the terminals that follow it. It serves the minimal length to the PIN core through
 * {@link dev.pinwarden.pin.MinimalPinLengthSource}.
 */
@OwnedTable("pin_settings")
@OwnedTable("security_settings")
@OwnedTable("terminal_settings")
@ApplicationModule(allowedDependencies = { "pin" })
package dev.pinwarden.settings;

import dev.pinwarden.OwnedTable;
import org.springframework.modulith.ApplicationModule;
