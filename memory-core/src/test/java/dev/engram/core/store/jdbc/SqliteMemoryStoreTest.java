package dev.engram.core.store.jdbc;

import dev.engram.core.domain.HistoryEntry;
import dev.engram.core.domain.HistoryEvent;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.spi.AbstractMemoryStoreContractTest;
import dev.engram.core.spi.MemoryStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The memory store contract on SQLite, and what the SQLite file itself must hold. */
class SqliteMemoryStoreTest extends AbstractMemoryStoreContractTest {

    @TempDir
    Path dir;

    @Override
    protected MemoryStore createStore() {
        return JdbcMemoryStore.openSqlite(dir.resolve("contract"));
    }

    @Test
    void keepsDataAcrossCloseAndReopen() {
        Path data = dir.resolve("durable");
        MemoryRecord record = fullRecord(ACME, UUID.randomUUID());
        HistoryEntry entry = history(record.id(), HistoryEvent.ADD, T0);
        try (MemoryStore first = JdbcMemoryStore.openSqlite(data)) {
            first.write(ACME, List.of(record), List.of(entry));
        }

        try (MemoryStore reopened = JdbcMemoryStore.openSqlite(data)) {
            assertThat(reopened.get(ACME, record.id())).contains(record);
            assertThat(reopened.history(ACME, record.id())).containsExactly(entry);
            assertThat(reopened.tenants()).containsExactly(ACME);
        }
    }

    @Test
    void storesCompactValuesInAWalDatabase() throws SQLException {
        Path data = dir.resolve("compact");
        MemoryRecord record = fullRecord(ACME, UUID.randomUUID());
        try (MemoryStore store = JdbcMemoryStore.openSqlite(data)) {
            store.write(ACME, List.of(record), List.of(history(record.id(), HistoryEvent.ADD, T0)));
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(JdbcMemoryStore.SQLITE_FILE_NAME))) {
                assertThat(rows(connection, "PRAGMA journal_mode")).containsExactly("wal");
                assertThat(rows(connection, "SELECT typeof(id), length(id), typeof(created_at), created_at FROM memories"))
                        .containsExactly("blob 16 integer " + record.createdAt().toEpochMilli());
                assertThat(rows(connection, "SELECT typeof(memory_id), typeof(at) FROM history")).containsExactly("blob integer");
                assertThat(rows(connection, "SELECT version, script FROM " + SchemaMigrator.VERSION_TABLE + " ORDER BY version"))
                        .containsExactly("1 V1__memories.sql", "2 V2__events.sql", "3 V3__entity_indexes.sql");
            }
        }
    }

    @Test
    void scanReadsPageAfterPageWithoutSkippingOrRepeating() {
        for (int count : new int[]{0, 6, 7, 14}) {
            try (SqliteDatabase sqlite = SqliteDatabase.open(dir.resolve("paging-" + count + ".db"), 2)) {
                List<MemoryRecord> records = new ArrayList<>();
                for (int i = 0; i < count; i++) records.add(simpleRecord(ACME, UUID.randomUUID(), "fact " + i));
                try (MemoryStore paged = new JdbcMemoryStore(sqlite.database(), () -> {
                }, 7)) {
                    paged.write(ACME, records, List.of());
                    paged.write(GLOBEX, List.of(simpleRecord(GLOBEX, UUID.randomUUID(), "elsewhere")), List.of());
                    List<MemoryRecord> visited = new ArrayList<>();
                    paged.scan(ACME, visited::add);
                    assertThat(visited).as("%d records", count).hasSize(count).containsExactlyInAnyOrderElementsOf(records);
                }
            }
        }
    }

    /** Each row as its columns joined by a space. */
    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            int columns = row.getMetaData().getColumnCount();
            while (row.next()) {
                List<String> values = new ArrayList<>();
                for (int c = 1; c <= columns; c++) values.add(row.getString(c));
                rows.add(String.join(" ", values));
            }
        }
        return rows;
    }
}
