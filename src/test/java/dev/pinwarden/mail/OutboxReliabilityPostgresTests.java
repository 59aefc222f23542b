package dev.pinwarden.mail;

import dev.pinwarden.support.OnPostgres;

@OnPostgres
class OutboxReliabilityPostgresTests extends OutboxReliabilityTests {

}
