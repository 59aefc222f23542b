package dev.pinwarden.sync;

import dev.pinwarden.support.OnPostgres;

@OnPostgres
class ScimPostgresTests extends ScimTests {

}
