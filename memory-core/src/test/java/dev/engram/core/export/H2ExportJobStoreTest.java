package dev.engram.core.export;

import dev.engram.core.store.jdbc.JdbcDatabase;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;

import java.util.UUID;

/** The export job store contract on an embedded H2 tenant directory. */
class H2ExportJobStoreTest extends AbstractExportJobStoreContractTest {

    private JdbcConnectionPool pool;

    @Override
    protected ExportJobStore createStore() {
        pool = JdbcConnectionPool.create("jdbc:h2:mem:exports-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        return JdbcExportJobStore.migrating(JdbcDatabase.h2(pool));
    }

    @AfterEach
    void close() {
        pool.dispose();
    }
}
