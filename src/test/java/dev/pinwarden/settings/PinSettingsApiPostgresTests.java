package dev.pinwarden.settings;

import dev.pinwarden.support.OnPostgres;

@OnPostgres
class PinSettingsApiPostgresTests extends PinSettingsApiTests {

}
