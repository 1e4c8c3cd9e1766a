package dev.engram.core.store.jdbc;

import dev.engram.core.domain.EntityCount;
import dev.engram.core.domain.HistoryEntry;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.Tenant;
import dev.engram.core.error.StorageException;
import dev.engram.core.spi.MemoryStore;
import dev.engram.core.store.StoredRecords;
import dev.engram.core.store.jdbc.JdbcDatabase.SqlWork;
import org.h2.jdbcx.JdbcConnectionPool;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The {@link MemoryStore} on an embedded SQL database through plain JDBC: SQLite ({@link #openSqlite}, the default of
 * the standalone platform) or H2 ({@link #openH2}, {@link #h2InMemory}); what differs between them is in
 * {@link SqlDialect}. The schema comes from the dialect's scripts ({@link SqlDialect#schemaLocation()},
 * {@link SchemaMigrator}). Queries run on the database's readers, changes on its writer ({@link JdbcDatabase}).
 *
 * <p>Every statement on a tenant's rows is built by {@link TenantSql}, which binds the tenant's ids, so a query cannot
 * reach another tenant. A {@link #write} is one transaction. SQL failures surface as {@link StorageException}.
 */
public final class JdbcMemoryStore implements MemoryStore {

    /** Schema scripts under {@link #SCHEMA_LOCATION}, oldest first: add new ones at the end. */
    public static final List<String> SCHEMA_SCRIPTS = List.of("V1__memories.sql", "V2__events.sql", "V3__entity_indexes.sql");

    static final String H2_DATABASE_NAME = "engram";
    /** The SQLite file {@link #openSqlite} opens in its directory. */
    public static final String SQLITE_FILE_NAME = "engram.db";
    private static final int SQLITE_READERS = 4;
    private static final int POOL_SIZE = 8;
    /** Records read per statement by {@link #scan}. */
    static final int SCAN_PAGE_SIZE = 500;
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** The {@code memories} column of each entity kind. */
    private static final Map<EntityCount.Kind, String> ENTITY_COLUMNS = Map.of(EntityCount.Kind.USER, "user_id",
            EntityCount.Kind.AGENT, "agent_id", EntityCount.Kind.APP, "app_id", EntityCount.Kind.RUN, "run_id");

    private final JdbcDatabase database;
    private final AutoCloseable resources;
    private final int scanPageSize;

    /**
     * A store on a database someone else owns; {@link #close()} leaves it open. The database must understand H2's
     * {@code MERGE INTO … KEY} (H2, also in its compatibility modes).
     */
    public JdbcMemoryStore(DataSource dataSource) {
        this(JdbcDatabase.h2(dataSource));
    }

    /** A store on a database someone else owns (e.g. {@link SqliteDatabase#database()}); {@link #close()} leaves it open. */
    public JdbcMemoryStore(JdbcDatabase database) {
        this(database, () -> {
        }, SCAN_PAGE_SIZE);
    }

    /** @param scanPageSize records read per statement by {@link #scan} */
    JdbcMemoryStore(JdbcDatabase database, AutoCloseable resources, int scanPageSize) {
        this.database = Objects.requireNonNull(database, "database");
        this.resources = Objects.requireNonNull(resources, "resources");
        if (scanPageSize < 1) throw new IllegalArgumentException("scanPageSize must be positive");
        this.scanPageSize = scanPageSize;
        try {
            new SchemaMigrator(database.dialect().schemaLocation(), SCHEMA_SCRIPTS).migrate(database);
        } catch (RuntimeException e) {
            closeQuietly(resources, e);
            throw e;
        }
    }

    /**
     * Opens (or creates) the H2 database file in {@code directory}. A commit is written to the file before
     * {@link #write} returns ({@code WRITE_DELAY=0}). Only one process can have the directory open at a time.
     */
    public static JdbcMemoryStore openH2(Path directory) {
        Path file = directory.toAbsolutePath().resolve(H2_DATABASE_NAME);
        if (file.toString().indexOf(';') >= 0) {
            // ';' would start H2 URL settings
            throw new IllegalArgumentException("The store directory must not contain ';': " + directory);
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StorageException("Cannot create the store directory " + directory, e);
        }
        return pooled("jdbc:h2:file:" + file + ";WRITE_DELAY=0");
    }

    /**
     * An H2 database in this JVM's memory, gone when the last store open on it is closed. Stores opened with the same
     * name at the same time share it.
     */
    public static JdbcMemoryStore h2InMemory(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Database name must be 1-64 letters, digits, '_' or '-': " + name);
        }
        JdbcConnectionPool pool = pooledDataSource("jdbc:h2:mem:" + name);
        Connection keepAlive;
        try {
            // H2 drops an in-memory database when its last connection closes: this one lives as long as the store.
            keepAlive = pool.getConnection();
        } catch (SQLException e) {
            pool.dispose();
            throw failure("open an in-memory database", e);
        }
        return new JdbcMemoryStore(JdbcDatabase.h2(pool), () -> {
            try {
                keepAlive.close();
            } finally {
                pool.dispose();
            }
        }, SCAN_PAGE_SIZE);
    }

    private static JdbcMemoryStore pooled(String url) {
        JdbcConnectionPool pool = pooledDataSource(url);
        return new JdbcMemoryStore(JdbcDatabase.h2(pool), pool::dispose, SCAN_PAGE_SIZE);
    }

    /**
     * Opens (or creates) the SQLite database {@value #SQLITE_FILE_NAME} in {@code directory}, closed with the store.
     * A commit survives the process being killed ({@link SqliteDatabase}).
     */
    public static JdbcMemoryStore openSqlite(Path directory) {
        SqliteDatabase sqlite = SqliteDatabase.open(directory.resolve(SQLITE_FILE_NAME), SQLITE_READERS);
        return new JdbcMemoryStore(sqlite.database(), sqlite, SCAN_PAGE_SIZE);
    }

    private static JdbcConnectionPool pooledDataSource(String url) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(POOL_SIZE);
        return pool;
    }

    /** The database this store works on, for other stores that share it (e.g. {@link JdbcEventStore}). */
    public JdbcDatabase database() {
        return database;
    }

    @Override
    public void write(Tenant tenant, List<MemoryRecord> records, List<HistoryEntry> history, Runnable beforeCommit) {
        Objects.requireNonNull(beforeCommit, "beforeCommit");
        Set<UUID> referenced = StoredRecords.checkWrite(tenant, records, history);
        if (records.isEmpty() && history.isEmpty()) {
            beforeCommit.run();
            return;
        }
        TenantSql sql = new TenantSql(tenant, database.dialect());
        inTransaction("write", connection -> {
            for (UUID missing : missingMemories(connection, sql, referenced)) throw StoredRecords.unknownMemory(tenant, missing);
            if (!records.isEmpty()) {
                try (TenantStatement upsert = sql.upsertById(connection, MemoryRows.TABLE, MemoryRows.COLUMNS)) {
                    for (MemoryRecord record : records) {
                        MemoryRows.bind(upsert, StoredRecords.truncateTimes(record));
                        upsert.addBatch();
                    }
                    upsert.executeBatch();
                }
            }
            if (!history.isEmpty()) {
                try (TenantStatement insert = sql.insert(connection, HistoryRows.TABLE, HistoryRows.COLUMNS)) {
                    for (HistoryEntry entry : history) {
                        HistoryRows.bind(insert, StoredRecords.normalize(entry));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            beforeCommit.run();
            return null;
        });
    }

    @Override
    public Optional<MemoryRecord> get(Tenant tenant, UUID id) {
        Objects.requireNonNull(id, "id");
        return Optional.ofNullable(getAll(tenant, List.of(id)).get(id));
    }

    @Override
    public Map<UUID, MemoryRecord> getAll(Tenant tenant, Collection<UUID> ids) {
        TenantSql sql = new TenantSql(tenant, database.dialect());
        List<UUID> distinct = List.copyOf(new LinkedHashSet<>(ids));
        if (distinct.isEmpty()) return new LinkedHashMap<>();
        // One primary-key lookup per id, in the order asked for: H2 plans "id IN (…)" as a scan of the tenant's rows
        // through a secondary index, which made a search's record read grow with the tenant (80 % of search time at
        // 100 000 memories).
        return inConnection("read memories", connection -> {
            Map<UUID, MemoryRecord> byId = new LinkedHashMap<>();
            try (TenantStatement select = sql.where(connection, MemoryRows.SELECT, "id = ?", null)) {
                for (UUID id : distinct) {
                    select.rebind();
                    select.bind(id);
                    try (ResultSet row = select.executeQuery()) {
                        if (row.next()) byId.put(id, MemoryRows.read(row, tenant, sql.dialect()));
                    }
                }
            }
            return byId;
        });
    }

    @Override
    public List<HistoryEntry> history(Tenant tenant, UUID memoryId) {
        Objects.requireNonNull(memoryId, "memoryId");
        TenantSql sql = new TenantSql(tenant, database.dialect());
        return inConnection("read history", connection -> {
            try (TenantStatement select = sql.where(connection, HistoryRows.SELECT, "memory_id = ?", HistoryRows.OLDEST_FIRST)) {
                select.bind(memoryId);
                List<HistoryEntry> entries = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) entries.add(HistoryRows.read(row, sql.dialect()));
                }
                return List.copyOf(entries);
            }
        });
    }

    /**
     * Reads the tenant's records a page at a time, in id order, and calls {@code action} with no connection held, so
     * {@code action} may use the store. A record written during the scan may or may not be visited.
     */
    @Override
    public void scan(Tenant tenant, Consumer<MemoryRecord> action) {
        TenantSql sql = new TenantSql(tenant, database.dialect());
        UUID after = null;
        while (true) {
            UUID from = after;
            List<MemoryRecord> page = inConnection("scan memories", connection -> {
                try (TenantStatement select = sql.where(connection, MemoryRows.SELECT, from == null ? null : "id > ?",
                        "ORDER BY id LIMIT " + scanPageSize)) {
                    if (from != null) select.bind(from);
                    List<MemoryRecord> records = new ArrayList<>();
                    try (ResultSet row = select.executeQuery()) {
                        while (row.next()) records.add(MemoryRows.read(row, tenant, sql.dialect()));
                    }
                    return records;
                }
            });
            page.forEach(action);
            if (page.size() < scanPageSize) return;
            after = page.getLast().id();
        }
    }

    /** One grouped query per entity kind, on one reader connection; the kind's column is named by {@link #ENTITY_COLUMNS}. */
    @Override
    public List<EntityCount> entities(Tenant tenant) {
        TenantSql sql = new TenantSql(tenant, database.dialect());
        return inConnection("count entities", connection -> {
            List<EntityCount> entities = new ArrayList<>();
            for (var kind : ENTITY_COLUMNS.entrySet()) {
                String column = kind.getValue();
                try (TenantStatement select = sql.where(connection,
                        "SELECT " + column + ", COUNT(*), MIN(created_at), MAX(updated_at) FROM " + MemoryRows.TABLE,
                        "state = ? AND " + column + " IS NOT NULL", "GROUP BY " + column)) {
                    select.bind(MemoryState.ACTIVE);
                    try (ResultSet row = select.executeQuery()) {
                        while (row.next()) {
                            entities.add(new EntityCount(kind.getKey(), row.getString(1), row.getLong(2),
                                    sql.dialect().instant(row, 3), sql.dialect().instant(row, 4)));
                        }
                    }
                }
            }
            return entities;
        });
    }

    @Override
    public List<Tenant> tenants() {
        return inConnection("list tenants", TenantSql::allTenants);
    }

    @Override
    public void purge(Tenant tenant, Collection<UUID> ids) {
        TenantSql sql = new TenantSql(tenant, database.dialect());
        List<UUID> distinct = List.copyOf(new LinkedHashSet<>(ids));
        if (distinct.isEmpty()) return;
        inTransaction("purge memories", connection -> {
            deleteEach(connection, sql, "DELETE FROM " + HistoryRows.TABLE, "memory_id = ?", distinct);
            deleteEach(connection, sql, "DELETE FROM " + MemoryRows.TABLE, "id = ?", distinct);
            return null;
        });
    }

    @Override
    public void deleteTenant(Tenant tenant) {
        TenantSql sql = new TenantSql(tenant, database.dialect());
        inTransaction("delete tenant", connection -> {
            delete(connection, sql, "DELETE FROM " + HistoryRows.TABLE, null, List.of());
            delete(connection, sql, "DELETE FROM " + MemoryRows.TABLE, null, List.of());
            return null;
        });
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            throw new StorageException("Cannot close the memory store: " + e.getMessage(), e);
        }
    }

    /** The memories among {@code ids} that the tenant does not have. */
    private static Set<UUID> missingMemories(Connection connection, TenantSql sql, Set<UUID> ids) throws SQLException {
        Set<UUID> missing = new LinkedHashSet<>();
        try (TenantStatement select = sql.where(connection, "SELECT 1 FROM " + MemoryRows.TABLE, "id = ?", null)) {
            for (UUID id : ids) { // primary-key lookups: see getAll
                select.rebind();
                select.bind(id);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) missing.add(id);
                }
            }
        }
        return missing;
    }

    /** Runs the delete once per id, batched: equality on indexed columns, never an IN list (see getAll). */
    private static void deleteEach(Connection connection, TenantSql sql, String head, String condition, List<UUID> ids) throws SQLException {
        try (TenantStatement delete = sql.where(connection, head, condition, null)) {
            for (UUID id : ids) {
                delete.bind(id);
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    private static void delete(Connection connection, TenantSql sql, String head, String condition, List<UUID> ids) throws SQLException {
        try (TenantStatement delete = sql.where(connection, head, condition, null)) {
            for (UUID id : ids) delete.bind(id);
            delete.executeUpdate();
        }
    }

    /** Runs queries on a reader connection. */
    private <T> T inConnection(String what, SqlWork<T> work) {
        try (Connection connection = database.reads().getConnection()) {
            connection.setAutoCommit(true);
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    private <T> T inTransaction(String what, SqlWork<T> work) {
        try {
            return database.inTransaction(work);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static StorageException failure(String what, SQLException e) {
        return new StorageException("Memory store failed to " + what + ": " + e.getMessage(), e);
    }

    private static void closeQuietly(AutoCloseable resource, Exception cause) {
        try {
            resource.close();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }
}
