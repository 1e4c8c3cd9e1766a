package dev.engram.core.feedback;

import dev.engram.core.store.jdbc.SqliteDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

/** The feedback store contract on a SQLite tenant directory, as the standalone platform keeps it. */
class SqliteFeedbackStoreTest extends AbstractFeedbackStoreContractTest {

    @TempDir
    Path dir;

    private SqliteDatabase database;

    @Override
    protected FeedbackStore createStore() {
        database = SqliteDatabase.open(dir.resolve("directory-" + UUID.randomUUID() + ".db"), 2);
        return JdbcFeedbackStore.migrating(database.database());
    }

    @AfterEach
    void close() {
        database.close();
    }
}
