package dev.pinwarden.terminal;

import dev.pinwarden.support.OnH2;

@OnH2
class CardSelfRegistrationH2Tests extends CardSelfRegistrationTests {

}
