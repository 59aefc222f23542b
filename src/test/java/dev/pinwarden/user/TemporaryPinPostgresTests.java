package dev.pinwarden.user;

import dev.pinwarden.support.OnPostgres;

@OnPostgres
class TemporaryPinPostgresTests extends TemporaryPinTests {

}
