package dev.pinwarden.sync;

import dev.pinwarden.support.OnH2;

@OnH2
class LdapSyncH2Tests extends LdapSyncTests {

}
