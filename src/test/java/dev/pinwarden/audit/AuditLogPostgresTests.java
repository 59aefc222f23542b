package dev.pinwarden.audit;

import dev.pinwarden.support.OnPostgres;

@OnPostgres
class AuditLogPostgresTests extends AuditLogTests {

}
