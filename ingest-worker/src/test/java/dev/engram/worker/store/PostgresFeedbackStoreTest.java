package dev.engram.worker.store;

import dev.engram.core.feedback.AbstractFeedbackStoreContractTest;
import dev.engram.core.feedback.JdbcFeedbackStore;
import dev.engram.core.feedback.FeedbackStore;
import dev.engram.testing.postgres.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import javax.sql.DataSource;

/** The feedback store contract on a real PostgreSQL, on the tables Flyway created (db/postgresql V8). */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class PostgresFeedbackStoreTest extends AbstractFeedbackStoreContractTest {

    @Inject
    DataSource dataSource;

    @Override
    protected FeedbackStore createStore() {
        return JdbcFeedbackStore.onManagedSchema(dataSource);
    }
}
