package dev.pinwarden.login;

import dev.pinwarden.support.OnH2;

@OnH2
class LoginThrottleH2Tests extends LoginThrottleTests {

}
