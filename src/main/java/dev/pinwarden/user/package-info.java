/**
 * The people who type PINs ({@code app_user}, which {@code pin}, {@code card} and the
 * terminal's one-statement checks read): creating them by hand, listing, changing,
 * deactivating and deleting them, the batch writes of the users a sync brings
 * ({@link dev.pinwarden.user.SyncedUsers}), the admin's operations on their PINs (set,
 * generate, delete, regenerate all), and a user's own "Generate PIN", a few times a day
 * ({@code self_service_use}). It applies the "generate PIN for new users" setting when a
 * user is created. The PINs themselves are the business of {@link dev.pinwarden.pin}; it
 * reads {@code pin}, as that module publishes it, to list who has a PIN. A deleted user
 * is announced as {@link dev.pinwarden.user.UserDeleted}, a synchronous event whose
 * listeners forget the user in the deleting transaction.
 */
@OwnedTable(value = "app_user", readBy = { "card", "pin", "terminal" })
@OwnedTable("self_service_use")
@ApplicationModule(allowedDependencies = { "jdbc", "job", "pin", "settings" })
package dev.pinwarden.user;

import dev.pinwarden.OwnedTable;
import org.springframework.modulith.ApplicationModule;
