package dev.pinwarden.terminal;

import dev.pinwarden.support.OnH2;

@OnH2
class TerminalApiH2Tests extends TerminalApiTests {

}
