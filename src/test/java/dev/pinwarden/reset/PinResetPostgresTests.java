package dev.pinwarden.reset;

import dev.pinwarden.support.OnPostgres;

@OnPostgres
class PinResetPostgresTests extends PinResetTests {

}
