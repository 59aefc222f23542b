package dev.pinwarden.sync;

import dev.pinwarden.support.OnPostgres;

@OnPostgres
class CsvSyncPostgresTests extends CsvSyncTests {

}
