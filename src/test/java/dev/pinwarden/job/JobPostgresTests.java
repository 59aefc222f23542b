package dev.pinwarden.job;

import dev.pinwarden.support.OnPostgres;

@OnPostgres
class JobPostgresTests extends JobTests {

}
