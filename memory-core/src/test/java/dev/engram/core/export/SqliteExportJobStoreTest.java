package dev.engram.core.export;

import dev.engram.core.store.jdbc.SqliteDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

/** The export job store contract on a SQLite tenant directory, as the standalone platform keeps it. */
class SqliteExportJobStoreTest extends AbstractExportJobStoreContractTest {

    @TempDir
    Path dir;

    private SqliteDatabase database;

    @Override
    protected ExportJobStore createStore() {
        database = SqliteDatabase.open(dir.resolve("directory-" + UUID.randomUUID() + ".db"), 2);
        return JdbcExportJobStore.migrating(database.database());
    }

    @AfterEach
    void close() {
        database.close();
    }
}
