package dev.pinwarden.user;

import dev.pinwarden.support.OnH2;

@OnH2
class PinLettersH2Tests extends PinLettersTests {

}
