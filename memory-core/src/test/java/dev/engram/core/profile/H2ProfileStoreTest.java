package dev.engram.core.profile;

import dev.engram.core.store.jdbc.JdbcDatabase;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;

import java.util.UUID;

/** The profile store contract on an embedded H2 tenant directory. */
class H2ProfileStoreTest extends AbstractProfileStoreContractTest {

    private JdbcConnectionPool pool;

    @Override
    protected ProfileStore createStore() {
        pool = JdbcConnectionPool.create("jdbc:h2:mem:profiles-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        return JdbcProfileStore.migrating(JdbcDatabase.h2(pool));
    }

    @AfterEach
    void close() {
        pool.dispose();
    }
}
