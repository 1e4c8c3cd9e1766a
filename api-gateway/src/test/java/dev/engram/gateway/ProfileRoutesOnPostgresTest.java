package dev.engram.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Profile routes, jobs and regeneration with the PostgreSQL stores (Flyway's V7 tables). */
@QuarkusTest
@TestProfile(PostgresStorageProfile.class)
class ProfileRoutesOnPostgresTest extends ProfileRoutesTest {
}
