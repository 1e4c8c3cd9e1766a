package dev.engram.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Memory export routes, background jobs and import, with the PostgreSQL stores (Flyway's V6 table). */
@QuarkusTest
@TestProfile(PostgresStorageProfile.class)
class ExportRoutesOnPostgresTest extends ExportRoutesTest {
}
