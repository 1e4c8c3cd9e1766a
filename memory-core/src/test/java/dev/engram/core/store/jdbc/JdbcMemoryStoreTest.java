package dev.engram.core.store.jdbc;

import dev.engram.core.domain.HistoryEntry;
import dev.engram.core.domain.HistoryEvent;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.error.ConfigurationException;
import dev.engram.core.spi.AbstractMemoryStoreContractTest;
import dev.engram.core.spi.MemoryStore;
import org.h2.jdbcx.JdbcDataSource;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcMemoryStoreTest extends AbstractMemoryStoreContractTest {

    @TempDir
    Path dir;

    @Override
    protected MemoryStore createStore() {
        return JdbcMemoryStore.openH2(dir.resolve("contract"));
    }

    @Test
    void keepsDataAcrossCloseAndReopen() {
        Path data = dir.resolve("durable");
        MemoryRecord record = fullRecord(ACME, UUID.randomUUID());
        HistoryEntry entry = history(record.id(), HistoryEvent.ADD, T0);
        try (MemoryStore first = JdbcMemoryStore.openH2(data)) {
            first.write(ACME, List.of(record), List.of(entry));
        }

        try (MemoryStore reopened = JdbcMemoryStore.openH2(data)) {
            assertThat(reopened.get(ACME, record.id())).contains(record);
            assertThat(reopened.history(ACME, record.id())).containsExactly(entry);
            assertThat(reopened.tenants()).containsExactly(ACME);
        }
    }

    @Test
    void writesEachCommitToTheFileRightAway() throws SQLException {
        Path data = dir.resolve("write-delay");
        try (MemoryStore open = JdbcMemoryStore.openH2(data); Connection connection = connect(data)) {
            assertThat(rows(connection, "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'"))
                    .isNotEmpty().containsOnly("0");
        }
    }

    @Test
    void scanReadsPageAfterPageWithoutSkippingOrRepeating() {
        for (int count : new int[]{0, 6, 7, 14, 50}) {
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL("jdbc:h2:mem:paging-" + count + ";DB_CLOSE_DELAY=-1");
            List<MemoryRecord> records = new ArrayList<>();
            for (int i = 0; i < count; i++) records.add(simpleRecord(ACME, UUID.randomUUID(), "fact " + i));
            try (MemoryStore paged = new JdbcMemoryStore(JdbcDatabase.h2(dataSource), () -> {
            }, 7)) {
                paged.write(ACME, records, List.of());
                paged.write(GLOBEX, List.of(simpleRecord(GLOBEX, UUID.randomUUID(), "elsewhere")), List.of());
                List<MemoryRecord> visited = new ArrayList<>();
                paged.scan(ACME, visited::add);
                assertThat(visited).as("%d records", count).hasSize(count).containsExactlyInAnyOrderElementsOf(records);
                paged.deleteTenant(ACME);
                paged.deleteTenant(GLOBEX);
            }
        }
    }

    @Test
    void appliesTheSchemaOnce() throws SQLException {
        Path data = dir.resolve("migrated");
        JdbcMemoryStore.openH2(data).close();
        JdbcMemoryStore.openH2(data).close();

        try (Connection connection = connect(data)) {
            assertThat(rows(connection, "SELECT version, script FROM " + SchemaMigrator.VERSION_TABLE + " ORDER BY version"))
                    .containsExactly("1 V1__memories.sql", "2 V2__events.sql", "3 V3__entity_indexes.sql");
            assertThat(SchemaMigrator.currentVersion(connection)).isEqualTo(JdbcMemoryStore.SCHEMA_SCRIPTS.size());
        }
    }

    @Test
    void migratorAppliesNewScriptsInOrderAndEachOnlyOnce() throws SQLException {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("migrator").toAbsolutePath());

        assertThat(new SchemaMigrator("db/migrator-test", List.of("V1__numbers.sql")).migrate(dataSource)).containsExactly(1);
        SchemaMigrator both = new SchemaMigrator("db/migrator-test/", List.of("V1__numbers.sql", "V2__more_numbers.sql"));
        assertThat(both.migrate(dataSource)).containsExactly(2);
        assertThat(both.migrate(dataSource)).isEmpty();

        try (Connection connection = dataSource.getConnection()) {
            assertThat(rows(connection, "SELECT n FROM numbers ORDER BY n")).containsExactly("1", "2", "3");
            assertThat(rows(connection, "SELECT version FROM " + SchemaMigrator.VERSION_TABLE + " ORDER BY version")).containsExactly("1", "2");
        }
    }

    @Test
    void refusesASchemaNewerThanTheCode() throws SQLException {
        Path data = dir.resolve("from-the-future");
        JdbcMemoryStore.openH2(data).close();
        try (Connection connection = connect(data); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO " + SchemaMigrator.VERSION_TABLE
                    + " (version, script, applied_at) VALUES (99, 'V99__future.sql', CURRENT_TIMESTAMP)");
        }

        assertThatThrownBy(() -> JdbcMemoryStore.openH2(data))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("99");

        // the refused store released the database
        try (Connection connection = connect(data)) {
            assertThat(SchemaMigrator.currentVersion(connection)).isEqualTo(99);
        }
    }

    @Test
    void migratorRejectsScriptsOutOfOrder() {
        assertThatThrownBy(() -> new SchemaMigrator("db/migrator-test", List.of("V2__more_numbers.sql")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SchemaMigrator("db/migrator-test", List.of("numbers.sql")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void migratorReportsAMissingScript() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("missing").toAbsolutePath());

        assertThatThrownBy(() -> new SchemaMigrator("db/migrator-test", List.of("V1__absent.sql")).migrate(dataSource))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("V1__absent.sql");
    }

    @Test
    void inMemoryDatabaseLivesAsLongAsTheStore() {
        MemoryRecord record = simpleRecord(ACME, UUID.randomUUID(), "ephemeral");
        try (MemoryStore memory = JdbcMemoryStore.h2InMemory("contract-test")) {
            memory.write(ACME, List.of(record), List.of(history(record.id(), HistoryEvent.ADD, T0)));
            assertThat(memory.get(ACME, record.id())).contains(record);
            assertThat(memory.history(ACME, record.id())).hasSize(1);
        }

        try (MemoryStore fresh = JdbcMemoryStore.h2InMemory("contract-test")) {
            assertThat(fresh.get(ACME, record.id())).isEmpty();
        }
    }

    @Test
    void rejectsAnInMemoryNameThatCouldCarrySettings() {
        assertThatThrownBy(() -> JdbcMemoryStore.h2InMemory("x;INIT=RUNSCRIPT FROM 'evil.sql'"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void worksOnADataSourceItDoesNotOwn() throws SQLException {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("external").toAbsolutePath());
        MemoryRecord record = simpleRecord(ACME, UUID.randomUUID(), "external");

        try (MemoryStore external = new JdbcMemoryStore(dataSource)) {
            external.write(ACME, List.of(record), List.of());
        }

        try (Connection connection = dataSource.getConnection()) {
            assertThat(rows(connection, "SELECT text FROM memories")).containsExactly("external");
        }
    }

    private static Connection connect(Path data) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + data.toAbsolutePath().resolve(JdbcMemoryStore.H2_DATABASE_NAME), "sa", "");
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
