package dev.pinwarden.audit;

import dev.pinwarden.support.OnH2;

@OnH2
class AuditLogH2Tests extends AuditLogTests {

}
