package dev.engram.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The feedback routes with the PostgreSQL stores (Flyway's V8 table). */
@QuarkusTest
@TestProfile(PostgresStorageProfile.class)
class FeedbackRoutesOnPostgresTest extends FeedbackRoutesTest {
}
