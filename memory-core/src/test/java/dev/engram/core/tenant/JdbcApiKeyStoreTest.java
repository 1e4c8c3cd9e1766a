package dev.engram.core.tenant;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;

import java.util.UUID;

/** The key store contract on an embedded H2 database, schema migrated by the store. */
class JdbcApiKeyStoreTest extends AbstractApiKeyStoreContractTest {

    private JdbcConnectionPool pool;

    @Override
    protected ApiKeyStore createStore() {
        pool = JdbcConnectionPool.create("jdbc:h2:mem:keys-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        return JdbcApiKeyStore.migrating(pool);
    }

    @AfterEach
    void close() {
        pool.dispose();
    }
}
