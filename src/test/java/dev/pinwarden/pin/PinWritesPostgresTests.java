package dev.pinwarden.pin;

import dev.pinwarden.support.OnPostgres;

@OnPostgres
class PinWritesPostgresTests extends PinWritesTests {

}
