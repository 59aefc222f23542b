package dev.pinwarden.terminal;

import dev.pinwarden.support.OnPostgres;

@OnPostgres
class TerminalApiPostgresTests extends TerminalApiTests {

}
