package dev.pinwarden.mail;

import dev.pinwarden.support.OnH2;

@OnH2
class SmtpRefusalH2Tests extends SmtpRefusalTests {

}
