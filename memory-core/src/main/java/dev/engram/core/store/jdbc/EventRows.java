package dev.engram.core.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.engram.core.domain.MemoryEvent;
import dev.engram.core.domain.Tenant;
import dev.engram.core.domain.TokenUsage;
import dev.engram.core.ingest.EventRecord;
import dev.engram.core.ingest.EventStatus;

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

    private static final TypeReference<List<MemoryEvent>> RESULTS = new TypeReference<>() {
    };
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventRows() {
    }

    /** Binds a record whose instants are already at the stored precision. */
    static void bind(TenantStatement statement, EventRecord r) throws SQLException {
        statement.bind(r.id()).bind(r.type()).bind(r.status()).bind(r.payload())
                .bind(write(r.results())).bind(write(r.usage())).bind(r.attempts()).bind(r.error())
                .bind(r.createdAt()).bind(r.updatedAt()).bind(r.startedAt()).bind(r.completedAt());
    }

    /** Reads the current row; {@code tenant} is the one the query was scoped to. */
    static EventRecord read(ResultSet row, Tenant tenant) throws SQLException {
        int c = 1;
        String id = row.getString(c++);
        String type = row.getString(c++);
        EventStatus status = EventStatus.valueOf(row.getString(c++));
        String payload = row.getString(c++);
        List<MemoryEvent> results = read(row.getString(c++), RESULTS);
        TokenUsage usage = read(row.getString(c++), new TypeReference<TokenUsage>() {
        });
        int attempts = row.getInt(c++);
        String error = row.getString(c++);
        return new EventRecord(id, tenant, type, status, payload, results, usage, attempts, error,
                MemoryRows.instant(row, c++), MemoryRows.instant(row, c++), MemoryRows.instant(row, c++), MemoryRows.instant(row, c));
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write event results as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        if (json == null || json.isEmpty()) return null;
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored event results are not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
