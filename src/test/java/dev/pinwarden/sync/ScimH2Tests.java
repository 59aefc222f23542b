package dev.pinwarden.sync;

import dev.pinwarden.support.OnH2;

@OnH2
class ScimH2Tests extends ScimTests {

}
