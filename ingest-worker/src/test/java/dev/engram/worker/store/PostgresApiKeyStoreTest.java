package dev.engram.worker.store;

import dev.engram.core.tenant.AbstractApiKeyStoreContractTest;
import dev.engram.core.tenant.ApiKeyStore;
import dev.engram.core.tenant.JdbcApiKeyStore;
import dev.engram.testing.postgres.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import javax.sql.DataSource;

/** The key store contract on a real PostgreSQL, on the tables Flyway created (db/postgresql V2). */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class PostgresApiKeyStoreTest extends AbstractApiKeyStoreContractTest {

    @Inject
    DataSource dataSource;

    @Override
    protected ApiKeyStore createStore() {
        return JdbcApiKeyStore.onManagedSchema(dataSource);
    }
}
