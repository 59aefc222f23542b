/**
 * The web pages (Thymeleaf, with htmx vendored as a WebJar; no external requests) for
 * users (login, Home with "Generate PIN") and administrators (dashboard, PIN settings),
 * and shared web concerns: every API failure as an RFC 9457 problem detail with a stable
 * {@code code}. REST controllers sit in their feature module; page controllers here only
 * call the modules' services. It owns no table, and no module depends on it.
 */
@ApplicationModule(allowedDependencies = { "attempt", "audit", "auth", "card", "job", "keys", "login", "mail", "pin",
		"reset", "settings", "sync", "terminal", "user" })
package dev.pinwarden.web;

import org.springframework.modulith.ApplicationModule;
