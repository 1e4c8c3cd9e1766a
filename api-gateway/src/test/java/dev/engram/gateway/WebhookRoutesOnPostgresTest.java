package dev.engram.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Project and webhook routes, delivery included, with the PostgreSQL stores (Flyway's V4 tables). */
@QuarkusTest
@TestProfile(PostgresStorageProfile.class)
class WebhookRoutesOnPostgresTest extends WebhookRoutesTest {
}
