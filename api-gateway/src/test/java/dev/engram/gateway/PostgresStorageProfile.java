package dev.engram.gateway;

import dev.engram.testing.postgres.PostgresTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * The gateway on the platform's system of record: {@code engram.storage.kind=POSTGRES} on a real PostgreSQL (schema by
 * Flyway, memories, events and keys in it), the Lucene index under a temporary data directory.
 */
public class PostgresStorageProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("engram.storage.kind", "POSTGRES");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresTestResource.class, Map.of("database", "gateway")),
                new TestResourceEntry(TempDataDirResource.class));
    }
}
