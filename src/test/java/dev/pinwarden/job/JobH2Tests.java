package dev.pinwarden.job;

import dev.pinwarden.support.OnH2;

@OnH2
class JobH2Tests extends JobTests {

}
