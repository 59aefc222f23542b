package dev.pinwarden.login;

import dev.pinwarden.support.OnPostgres;

@OnPostgres
class AdministratorApiPostgresTests extends AdministratorApiTests {

}
