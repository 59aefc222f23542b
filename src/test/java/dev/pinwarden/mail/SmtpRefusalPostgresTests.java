package dev.pinwarden.mail;

import dev.pinwarden.support.OnPostgres;

@OnPostgres
class SmtpRefusalPostgresTests extends SmtpRefusalTests {

}
