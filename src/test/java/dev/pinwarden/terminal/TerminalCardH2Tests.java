package dev.pinwarden.terminal;

import dev.pinwarden.support.OnH2;

@OnH2
class TerminalCardH2Tests extends TerminalCardTests {

}
