package dev.engram.worker.store;

import dev.engram.core.webhook.AbstractWebhookStoreContractTest;
import dev.engram.core.webhook.JdbcWebhookStore;
import dev.engram.core.webhook.WebhookStore;
import dev.engram.testing.postgres.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import javax.sql.DataSource;

/** The webhook store contract on a real PostgreSQL, on the tables Flyway created (db/postgresql V4). */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class PostgresWebhookStoreTest extends AbstractWebhookStoreContractTest {

    @Inject
    DataSource dataSource;

    @Override
    protected WebhookStore createStore() {
        return JdbcWebhookStore.onManagedSchema(dataSource);
    }
}
