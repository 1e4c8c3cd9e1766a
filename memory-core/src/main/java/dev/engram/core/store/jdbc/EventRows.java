package dev.engram.core.store.jdbc;

import dev.engram.core.domain.MemoryEvent;
import dev.engram.core.domain.Tenant;
import dev.engram.core.domain.TokenUsage;
import dev.engram.core.ingest.EventRecord;
import dev.engram.core.ingest.EventStatus;
import dev.engram.core.store.StoreJson;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Maps {@link EventRecord}s to rows of the {@code events} table and back (the tenant columns aside). */
final class EventRows {

    static final String TABLE = "events";

    /** The columns bound by {@link #bind} and read by {@link #read}, in that order. */
    static final List<String> COLUMNS = List.of("id", "event_type", "status", "payload", "results", "token_usage", "attempts",
            "error_message", "created_at", "updated_at", "started_at", "completed_at");

    static final String SELECT = "SELECT " + String.join(", ", COLUMNS) + " FROM " + TABLE;
    static final String NEWEST_FIRST = "ORDER BY created_at DESC, id";

    private EventRows() {
    }

    /** Binds a record whose instants are already at the stored precision. */
    static void bind(TenantStatement statement, EventRecord r) throws SQLException {
        statement.bind(r.id()).bind(r.type()).bind(r.status()).bind(r.payload())
                .bind(StoreJson.writeEventResults(r.results())).bind(StoreJson.writeTokenUsage(r.usage())).bind(r.attempts()).bind(r.error())
                .bind(r.createdAt()).bind(r.updatedAt()).bind(r.startedAt()).bind(r.completedAt());
    }

    /** Reads the current row; {@code tenant} is the one the query was scoped to. */
    static EventRecord read(ResultSet row, Tenant tenant, SqlDialect dialect) throws SQLException {
        int c = 1;
        String id = row.getString(c++);
        String type = row.getString(c++);
        EventStatus status = EventStatus.valueOf(row.getString(c++));
        String payload = row.getString(c++);
        List<MemoryEvent> results = StoreJson.readEventResults(row.getString(c++));
        TokenUsage usage = StoreJson.readTokenUsage(row.getString(c++));
        int attempts = row.getInt(c++);
        String error = row.getString(c++);
        return new EventRecord(id, tenant, type, status, payload, results, usage, attempts, error,
                dialect.instant(row, c++), dialect.instant(row, c++), dialect.instant(row, c++), dialect.instant(row, c));
    }

}
