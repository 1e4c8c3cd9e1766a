package dev.engram.core.profile;

import dev.engram.core.store.jdbc.SqliteDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

/** The profile store contract on a SQLite tenant directory, as the standalone platform keeps it. */
class SqliteProfileStoreTest extends AbstractProfileStoreContractTest {

    @TempDir
    Path dir;

    private SqliteDatabase database;

    @Override
    protected ProfileStore createStore() {
        database = SqliteDatabase.open(dir.resolve("directory-" + UUID.randomUUID() + ".db"), 2);
        return JdbcProfileStore.migrating(database.database());
    }

    @AfterEach
    void close() {
        database.close();
    }
}
