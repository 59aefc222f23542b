package dev.pinwarden.login;

import dev.pinwarden.support.OnH2;

@OnH2
class AdministratorApiH2Tests extends AdministratorApiTests {

}
