package dev.pinwarden.auth;

import dev.pinwarden.support.OnPostgres;

@OnPostgres
class TerminalThrottlePostgresTests extends TerminalThrottleTests {

}
