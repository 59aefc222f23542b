package dev.pinwarden.user;

import dev.pinwarden.support.OnH2;

@OnH2
class TemporaryPinH2Tests extends TemporaryPinTests {

}
