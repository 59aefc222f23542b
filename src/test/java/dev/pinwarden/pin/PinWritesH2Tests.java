package dev.pinwarden.pin;

import dev.pinwarden.support.OnH2;

@OnH2
class PinWritesH2Tests extends PinWritesTests {

}
