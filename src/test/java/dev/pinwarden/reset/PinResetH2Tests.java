package dev.pinwarden.reset;

import dev.pinwarden.support.OnH2;

@OnH2
class PinResetH2Tests extends PinResetTests {

}
