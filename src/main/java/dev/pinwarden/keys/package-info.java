/**
 * The PIN keys as an administrator sees them: each key on the ring or recorded in
 * {@code pin_key} (which {@code pin} owns and publishes to it), what it still protects
 * (the {@link dev.pinwarden.pin.KeyedSecrets} every module publishes) and whether it can
 * be retired; and sealing again under the current key what can be opened. Owns no table;
 * depends on {@code pin} only.
 */
@ApplicationModule(allowedDependencies = { "pin" })
package dev.pinwarden.keys;

import org.springframework.modulith.ApplicationModule;
