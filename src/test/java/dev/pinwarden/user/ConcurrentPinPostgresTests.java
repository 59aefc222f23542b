package dev.pinwarden.user;

import dev.pinwarden.support.OnPostgres;

@OnPostgres
class ConcurrentPinPostgresTests extends ConcurrentPinTests {

}
