package dev.pinwarden.terminal;

import dev.pinwarden.support.OnPostgres;

@OnPostgres
class TerminalGuessingPostgresTests extends TerminalGuessingTests {

}
