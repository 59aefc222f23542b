package dev.pinwarden.user;

import dev.pinwarden.support.OnH2;

@OnH2
class DepartedCredentialsH2Tests extends DepartedCredentialsTests {

}
