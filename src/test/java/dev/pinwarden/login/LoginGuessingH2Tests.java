package dev.pinwarden.login;

import dev.pinwarden.support.OnH2;

@OnH2
class LoginGuessingH2Tests extends LoginGuessingTests {

}
