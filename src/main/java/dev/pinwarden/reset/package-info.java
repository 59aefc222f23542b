/**
 * Lost PINs: a reset code mailed on request and, entered on the web page or the API, a
 * new PIN. Codes are random, stored only as a keyed hash, short-lived, single use, one
 * per user. Wrong codes, and requests per source address, are counted by the
 * {@link dev.pinwarden.attempt attempt limiter}; requests are handled on two threads of
 * their own and never wait for a user's row. Owns {@code pin_reset}.
 */
package dev.pinwarden.reset;
