package dev.pinwarden.terminal;

import dev.pinwarden.support.OnPostgres;

@OnPostgres
class CardSelfRegistrationPostgresTests extends CardSelfRegistrationTests {

}
