package dev.pinwarden.mail;

import dev.pinwarden.support.OnPostgres;

@OnPostgres
class MailTemplateApiPostgresTests extends MailTemplateApiTests {

}
