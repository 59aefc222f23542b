package dev.pinwarden.mail;

import dev.pinwarden.support.OnH2;

@OnH2
class MailTemplateApiH2Tests extends MailTemplateApiTests {

}
