/**
 * Lost PINs: a reset code ({@code pin_reset}) mailed on request and, entered on the web
 * page or the API, a new PIN. Codes are random, stored only as a keyed hash, short-lived,
 * single use, one per user. Wrong codes, and requests per source address, are counted by
 * the {@link dev.pinwarden.attempt attempt limiter}; requests are handled on two threads
 * of their own and never wait for a user's row. It uses {@code user} to find the user,
 * {@code pin} to give the new PIN and {@code mail} to queue the code.
 */
@OwnedTable("pin_reset")
@ApplicationModule(allowedDependencies = { "attempt", "auth", "mail", "pin", "user" })
package dev.pinwarden.reset;

import dev.pinwarden.OwnedTable;
import org.springframework.modulith.ApplicationModule;
