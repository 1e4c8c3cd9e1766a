package dev.engram.core.webhook;

import dev.engram.core.store.jdbc.JdbcDatabase;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;

import java.util.UUID;

/** The webhook store contract on an embedded H2 tenant directory. */
class H2WebhookStoreTest extends AbstractWebhookStoreContractTest {

    private JdbcConnectionPool pool;

    @Override
    protected WebhookStore createStore() {
        pool = JdbcConnectionPool.create("jdbc:h2:mem:hooks-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        return JdbcWebhookStore.migrating(JdbcDatabase.h2(pool));
    }

    @AfterEach
    void close() {
        pool.dispose();
    }
}
