/**
 * The people who type PINs: creating them by hand, listing, changing, deactivating and
 * deleting them, and the admin's operations on their PINs (set, generate, delete,
 * regenerate all), and a user's own "Generate PIN", a few times a day
 * ({@code self_service_use}). It applies the "generate PIN for new users" setting when a
 * user is created. The PINs themselves are the business of {@link dev.pinwarden.pin}.
 */
package dev.pinwarden.user;
