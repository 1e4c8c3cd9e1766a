package dev.engram.core.store.jdbc;

import dev.engram.core.domain.HistoryEntry;
import dev.engram.core.domain.HistoryEvent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Maps {@link HistoryEntry}s to rows of the {@code history} table and back (the tenant columns aside). */
final class HistoryRows {

    static final String TABLE = "history";

    /** The columns bound by {@link #bind} and read by {@link #read}, in that order. */
    static final List<String> COLUMNS = List.of("id", "memory_id", "event", "old_text", "new_text", "actor", "role", "at",
            "related_memory_id", "event_id", "reason");

    static final String SELECT = "SELECT " + String.join(", ", COLUMNS) + " FROM " + TABLE;

    /** Oldest first; {@code seq} keeps the written order of entries with the same instant. */
    static final String OLDEST_FIRST = "ORDER BY at, seq";

    private HistoryRows() {
    }

    /** Binds an entry whose instant is already at the stored precision. */
    static void bind(TenantStatement statement, HistoryEntry e) throws SQLException {
        statement.bind(e.id()).bind(e.memoryId()).bind(e.event()).bind(e.oldText()).bind(e.newText()).bind(e.actor())
                .bind(e.role()).bind(e.at()).bind(e.relatedMemoryId()).bind(e.eventId()).bind(e.reason());
    }

    static HistoryEntry read(ResultSet row, SqlDialect dialect) throws SQLException {
        return new HistoryEntry(
                dialect.uuid(row, 1),
                dialect.uuid(row, 2),
                HistoryEvent.valueOf(row.getString(3)),
                row.getString(4),
                row.getString(5),
                row.getString(6),
                row.getString(7),
                dialect.instant(row, 8),
                dialect.uuid(row, 9),
                row.getString(10),
                row.getString(11));
    }
}
