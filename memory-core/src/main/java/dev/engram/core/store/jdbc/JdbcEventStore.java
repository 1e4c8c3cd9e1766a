package dev.engram.core.store.jdbc;

import dev.engram.core.domain.MemoryEvent;
import dev.engram.core.domain.Page;
import dev.engram.core.domain.Tenant;
import dev.engram.core.domain.TokenUsage;
import dev.engram.core.error.StorageException;
import dev.engram.core.ingest.EventPaging;
import dev.engram.core.ingest.EventRecord;
import dev.engram.core.ingest.EventStatus;
import dev.engram.core.ingest.EventStore;
import dev.engram.core.ingest.EventTransitions;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@link EventStore} on the embedded SQL database, next to the memories: construct it on
 * {@link JdbcMemoryStore#database()}. The {@code events} table comes from {@code V2__events.sql}, applied by the same
 * {@link SchemaMigrator} as the memory store's tables.
 *
 * <p>Every statement is built by {@link TenantSql}, so a query cannot reach another tenant's events. A transition reads
 * the row (locked {@code FOR UPDATE} on H2; on SQLite the one writer connection excludes other writers), asks
 * {@link EventTransitions} for the next state and writes it, in one transaction: the lifecycle rules are the same as
 * every other store's. The database is not closed by this store.
 */
public final class JdbcEventStore implements EventStore {

    private final JdbcDatabase database;

    /** The store on an H2 database. */
    public JdbcEventStore(DataSource dataSource) {
        this(JdbcDatabase.h2(dataSource));
    }

    public JdbcEventStore(JdbcDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
        new SchemaMigrator(database.dialect().schemaLocation(), JdbcMemoryStore.SCHEMA_SCRIPTS).migrate(database);
    }

    @Override
    public void created(Tenant tenant, String id, String type, String payload, Instant at) {
        insert(tenant, EventTransitions.pending(tenant, id, type, payload, at));
    }

    /** One insert of the final record instead of an insert and two read-modify-writes on the write connection. */
    @Override
    public void recordSucceeded(Tenant tenant, String id, String type, String payload, Instant started, List<MemoryEvent> results,
                                TokenUsage usage, Instant at) {
        EventRecord pending = EventTransitions.pending(tenant, id, type, payload, started);
        EventRecord running = EventTransitions.start(pending, started).orElseThrow();
        insert(tenant, EventTransitions.succeed(running, results, usage, at));
    }

    private void insert(Tenant tenant, EventRecord record) {
        String id = record.id();
        TenantSql sql = new TenantSql(tenant, database.dialect());
        try (Connection connection = database.writes().getConnection()) {
            connection.setAutoCommit(true);
            try (TenantStatement insert = sql.insert(connection, EventRows.TABLE, EventRows.COLUMNS)) {
                EventRows.bind(insert, record);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            if (database.dialect().isDuplicate(e)) return; // a retried enqueue: the first record stays
            throw failure("record event " + id, e);
        }
    }

    @Override
    public boolean started(Tenant tenant, String id, Instant at) {
        return transition(tenant, id, current -> EventTransitions.start(current, at)).isPresent();
    }

    @Override
    public void succeeded(Tenant tenant, String id, List<MemoryEvent> results, TokenUsage usage, Instant at) {
        if (transition(tenant, id, current -> Optional.of(EventTransitions.succeed(current, results, usage, at))).isEmpty()) {
            throw EventPaging.unknownEvent(id);
        }
    }

    @Override
    public void failed(Tenant tenant, String id, String error, Instant at) {
        if (get(tenant, id).isEmpty()) throw EventPaging.unknownEvent(id);
        transition(tenant, id, current -> EventTransitions.fail(current, error, at));
    }

    @Override
    public Optional<EventRecord> get(Tenant tenant, String id) {
        Objects.requireNonNull(id, "id");
        TenantSql sql = new TenantSql(tenant, database.dialect());
        try (Connection connection = database.reads().getConnection()) {
            connection.setAutoCommit(true);
            return read(connection, sql, tenant, id, false);
        } catch (SQLException e) {
            throw failure("read event " + id, e);
        }
    }

    @Override
    public Page<EventRecord> list(Tenant tenant, int page, int pageSize) {
        EventPaging.check(page, pageSize);
        TenantSql sql = new TenantSql(tenant, database.dialect());
        long offset = (long) (page - 1) * pageSize;
        try (Connection connection = database.reads().getConnection()) {
            connection.setAutoCommit(true);
            long total;
            try (TenantStatement count = sql.where(connection, "SELECT COUNT(*) FROM " + EventRows.TABLE, null, null);
                 ResultSet row = count.executeQuery()) {
                row.next();
                total = row.getLong(1);
            }
            List<EventRecord> items = new ArrayList<>();
            try (TenantStatement select = sql.where(connection, EventRows.SELECT, null,
                    EventRows.NEWEST_FIRST + " LIMIT " + pageSize + " OFFSET " + offset);
                 ResultSet row = select.executeQuery()) {
                while (row.next()) items.add(EventRows.read(row, tenant, sql.dialect()));
            }
            return new Page<>(items, total, page, pageSize);
        } catch (SQLException e) {
            throw failure("list events", e);
        }
    }

    @Override
    public int deleteTenant(Tenant tenant, Instant at) {
        TenantSql sql = new TenantSql(tenant, database.dialect());
        try {
            return database.inTransaction(connection -> {
                List<EventRecord> unfinished = new ArrayList<>();
                try (TenantStatement select = sql.where(connection, EventRows.SELECT,
                        "status IN (?, ?) OR (status = ? AND error_message = ?)", null)) {
                    select.bind(EventStatus.PENDING).bind(EventStatus.RUNNING).bind(EventStatus.FAILED).bind(EventTransitions.PROJECT_DELETED);
                    try (ResultSet row = select.executeQuery()) {
                        while (row.next()) unfinished.add(EventRows.read(row, tenant, sql.dialect()));
                    }
                }
                int removed;
                try (TenantStatement delete = sql.where(connection, "DELETE FROM " + EventRows.TABLE, null, null)) {
                    removed = delete.executeUpdate();
                }
                if (!unfinished.isEmpty()) {
                    try (TenantStatement upsert = sql.upsertById(connection, EventRows.TABLE, EventRows.COLUMNS)) {
                        for (EventRecord e : unfinished) {
                            EventRows.bind(upsert, EventTransitions.cancel(e, at));
                            upsert.addBatch();
                        }
                        upsert.executeBatch();
                    }
                }
                return removed;
            });
        } catch (SQLException e) {
            throw failure("delete the tenant's events", e);
        }
    }

    /**
     * Locks the event's row, computes the next record and writes it, in one transaction.
     *
     * @return the record written; empty when the event does not exist or the transition left it as it was
     */
    private Optional<EventRecord> transition(Tenant tenant, String id, Function<EventRecord, Optional<EventRecord>> next) {
        Objects.requireNonNull(id, "id");
        TenantSql sql = new TenantSql(tenant, database.dialect());
        try {
            return database.inTransaction(connection -> {
                Optional<EventRecord> written = read(connection, sql, tenant, id, true).flatMap(next);
                if (written.isPresent()) {
                    try (TenantStatement upsert = sql.upsertById(connection, EventRows.TABLE, EventRows.COLUMNS)) {
                        EventRows.bind(upsert, written.get());
                        upsert.executeUpdate();
                    }
                }
                return written;
            });
        } catch (SQLException e) {
            throw failure("update event " + id, e);
        }
    }

    private static Optional<EventRecord> read(Connection connection, TenantSql sql, Tenant tenant, String id, boolean forUpdate)
            throws SQLException {
        try (TenantStatement select = sql.where(connection, EventRows.SELECT, "id = ?", forUpdate ? sql.dialect().lockForUpdate() : null)) {
            select.bind(id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(EventRows.read(row, tenant, sql.dialect())) : Optional.empty();
            }
        }
    }

    private static StorageException failure(String what, SQLException e) {
        return new StorageException("Event store failed to " + what + ": " + e.getMessage(), e);
    }
}
