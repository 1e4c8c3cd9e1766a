package dev.engram.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Tenant isolation on every route, with the PostgreSQL stores. */
@QuarkusTest
@TestProfile(PostgresStorageProfile.class)
class TenantIsolationOnPostgresTest extends TenantIsolationTest {
}
