package dev.engram.worker.store;

import dev.engram.core.ingest.AbstractEventStoreContractTest;
import dev.engram.core.ingest.EventStore;
import dev.engram.platform.store.postgres.PanacheEventStore;
import dev.engram.testing.postgres.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import javax.sql.DataSource;

/** The event store contract against a real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class PostgresEventStoreTest extends AbstractEventStoreContractTest {

    @Inject
    PanacheEventStore eventStore;

    @Inject
    DataSource dataSource;

    @Override
    protected EventStore createStore() {
        StoreTables.truncate(dataSource);
        return eventStore;
    }
}
