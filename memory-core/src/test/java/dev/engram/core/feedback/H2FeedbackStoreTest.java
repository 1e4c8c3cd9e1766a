package dev.engram.core.feedback;

import dev.engram.core.store.jdbc.JdbcDatabase;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;

import java.util.UUID;

/** The feedback store contract on an embedded H2 tenant directory. */
class H2FeedbackStoreTest extends AbstractFeedbackStoreContractTest {

    private JdbcConnectionPool pool;

    @Override
    protected FeedbackStore createStore() {
        pool = JdbcConnectionPool.create("jdbc:h2:mem:feedback-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        return JdbcFeedbackStore.migrating(JdbcDatabase.h2(pool));
    }

    @AfterEach
    void close() {
        pool.dispose();
    }
}
