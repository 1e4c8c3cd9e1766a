package dev.engram.worker.store;

import dev.engram.core.spi.AbstractMemoryStoreContractTest;
import dev.engram.core.spi.MemoryStore;
import dev.engram.platform.store.postgres.PanacheMemoryStore;
import dev.engram.testing.postgres.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import javax.sql.DataSource;

/** The memory store contract against a real PostgreSQL, with the schema Flyway applied and Hibernate validated. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class PostgresMemoryStoreTest extends AbstractMemoryStoreContractTest {

    @Inject
    PanacheMemoryStore memoryStore;

    @Inject
    DataSource dataSource;

    @Override
    protected MemoryStore createStore() {
        StoreTables.truncate(dataSource);
        return memoryStore;
    }
}
