package dev.pinwarden.terminal;

import dev.pinwarden.support.OnPostgres;

@OnPostgres
class TerminalCardPostgresTests extends TerminalCardTests {

}
