package dev.pinwarden.card;

import dev.pinwarden.support.OnPostgres;

@OnPostgres
class CardApiPostgresTests extends CardApiTests {

}
