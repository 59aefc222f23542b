package dev.pinwarden.card;

import dev.pinwarden.support.OnH2;

@OnH2
class CardApiH2Tests extends CardApiTests {

}
