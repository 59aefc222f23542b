package dev.pinwarden.settings;

import dev.pinwarden.support.OnH2;

@OnH2
class PinSettingsApiH2Tests extends PinSettingsApiTests {

}
