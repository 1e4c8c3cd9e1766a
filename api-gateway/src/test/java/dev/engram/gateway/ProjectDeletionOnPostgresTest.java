package dev.engram.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link ProjectDeletionTest} with memories, history, events and keys in PostgreSQL. */
@QuarkusTest
@TestProfile(PostgresStorageProfile.class)
class ProjectDeletionOnPostgresTest extends ProjectDeletionTest {
}
