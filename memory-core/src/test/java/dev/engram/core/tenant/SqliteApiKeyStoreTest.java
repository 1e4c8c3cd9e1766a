package dev.engram.core.tenant;

import dev.engram.core.store.jdbc.SqliteDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

/** The key store contract on a SQLite file of its own, as the standalone platform keeps its tenant directory. */
class SqliteApiKeyStoreTest extends AbstractApiKeyStoreContractTest {

    @TempDir
    Path dir;

    private SqliteDatabase database;

    @Override
    protected ApiKeyStore createStore() {
        database = SqliteDatabase.open(dir.resolve("directory-" + UUID.randomUUID() + ".db"), 2);
        return JdbcApiKeyStore.migrating(database.database());
    }

    @AfterEach
    void close() {
        database.close();
    }
}
