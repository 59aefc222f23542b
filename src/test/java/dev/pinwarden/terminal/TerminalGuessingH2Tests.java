package dev.pinwarden.terminal;

import dev.pinwarden.support.OnH2;

@OnH2
class TerminalGuessingH2Tests extends TerminalGuessingTests {

}
