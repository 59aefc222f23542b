package dev.pinwarden.user;

import dev.pinwarden.support.OnH2;

@OnH2
class PinRegenerationRollbackH2Tests extends PinRegenerationRollbackTests {

}
