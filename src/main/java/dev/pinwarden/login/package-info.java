/**
 * Logins: one authentication provider for the pages and HTTP Basic (administrators with a
 * password, users with their PIN), within budgets of wrong logins per account and per
 * source address ({@code attempt}); the administrator accounts ({@code administrator})
 * and the first start's {@code admin}. It finds a user by PIN through {@code pin} and
 * {@code user}, and takes the budgets from {@code settings}.
 */
@OwnedTable("administrator")
@ApplicationModule(allowedDependencies = { "attempt", "jdbc", "auth", "pin", "settings", "user" })
package dev.pinwarden.login;

import dev.pinwarden.OwnedTable;
import org.springframework.modulith.ApplicationModule;
