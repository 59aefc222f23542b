package dev.pinwarden.auth;

import dev.pinwarden.support.OnPostgres;

@OnPostgres
class LoginThrottlePostgresTests extends LoginThrottleTests {

}
