package dev.pinwarden;

/** A refusal that says how long to wait before trying again (HTTP Retry-After). */
public interface RetryAfter {

	long retryAfterSeconds();

}
