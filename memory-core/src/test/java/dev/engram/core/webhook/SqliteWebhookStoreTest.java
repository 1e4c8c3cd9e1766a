package dev.engram.core.webhook;

import dev.engram.core.store.jdbc.SqliteDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

/** The webhook store contract on a SQLite tenant directory, as the standalone platform keeps it. */
class SqliteWebhookStoreTest extends AbstractWebhookStoreContractTest {

    @TempDir
    Path dir;

    private SqliteDatabase database;

    @Override
    protected WebhookStore createStore() {
        database = SqliteDatabase.open(dir.resolve("directory-" + UUID.randomUUID() + ".db"), 2);
        return JdbcWebhookStore.migrating(database.database());
    }

    @AfterEach
    void close() {
        database.close();
    }
}
