package dev.pinwarden.mail;

import dev.pinwarden.support.OnPostgres;

@OnPostgres
class NewPinMailPostgresTests extends NewPinMailTests {

}
