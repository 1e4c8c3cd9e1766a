package dev.engram.worker.store;

import dev.engram.core.profile.AbstractProfileStoreContractTest;
import dev.engram.core.profile.JdbcProfileStore;
import dev.engram.core.profile.ProfileStore;
import dev.engram.testing.postgres.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import javax.sql.DataSource;

/** The profile store contract on a real PostgreSQL, on the tables Flyway created (db/postgresql V7). */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class PostgresProfileStoreTest extends AbstractProfileStoreContractTest {

    @Inject
    DataSource dataSource;

    @Override
    protected ProfileStore createStore() {
        return JdbcProfileStore.onManagedSchema(dataSource);
    }
}
