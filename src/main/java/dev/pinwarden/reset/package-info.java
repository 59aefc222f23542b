/**
 * Lost PINs: a reset code mailed on request and, entered on the web page or the API, a
 * new PIN. Codes are random, stored only as a keyed hash, short-lived, single use and
 * dead after a few wrong tries. Owns {@code pin_reset}.
 */
package dev.pinwarden.reset;
