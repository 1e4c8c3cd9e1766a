package dev.engram.core.store.jdbc;

import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.Tenant;
import dev.engram.core.store.StoreJson;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Maps {@link MemoryRecord}s to rows of the {@code memories} table and back (the tenant columns aside). */
final class MemoryRows {

    static final String TABLE = "memories";

    /** The columns bound by {@link #bind} and read by {@link #read}, in that order. */
    static final List<String> COLUMNS = List.of("id", "user_id", "agent_id", "run_id", "app_id", "text", "hash", "actor", "role",
            "metadata", "categories", "created_at", "updated_at", "event_time", "expiration_date", "immutable", "state",
            "replaced_by", "sources", "slot");

    static final String SELECT = "SELECT " + String.join(", ", COLUMNS) + " FROM " + TABLE;

    private MemoryRows() {
    }

    /** Binds a record whose instants are already at the stored precision. */
    static void bind(TenantStatement statement, MemoryRecord r) throws SQLException {
        Scope scope = r.scope();
        statement.bind(r.id())
                .bind(scope.userId()).bind(scope.agentId()).bind(scope.runId()).bind(scope.appId())
                .bind(r.text()).bind(r.hash()).bind(r.actor()).bind(r.role())
                .bind(StoreJson.writeMetadata(r.metadata())).bind(StoreJson.writeCategories(r.categories()))
                .bind(r.createdAt()).bind(r.updatedAt()).bind(r.eventTime()).bind(r.expirationDate())
                .bind(r.immutable()).bind(r.state()).bind(r.replacedBy())
                .bind(StoreJson.writeSources(r.sources())).bind(r.slot());
    }

    /** Reads the current row; {@code tenant} is the one the query was scoped to. */
    static MemoryRecord read(ResultSet row, Tenant tenant, SqlDialect dialect) throws SQLException {
        int c = 1;
        UUID id = dialect.uuid(row, c++);
        Scope scope = new Scope(tenant, row.getString(c++), row.getString(c++), row.getString(c++), row.getString(c++));
        String text = row.getString(c++);
        String hash = row.getString(c++);
        String actor = row.getString(c++);
        String role = row.getString(c++);
        var metadata = StoreJson.readMetadata(row.getString(c++));
        var categories = StoreJson.readCategories(row.getString(c++));
        Instant createdAt = dialect.instant(row, c++);
        Instant updatedAt = dialect.instant(row, c++);
        Instant eventTime = dialect.instant(row, c++);
        LocalDate expirationDate = dialect.date(row, c++);
        boolean immutable = row.getBoolean(c++);
        MemoryState state = MemoryState.valueOf(row.getString(c++));
        UUID replacedBy = dialect.uuid(row, c++);
        var sources = StoreJson.readSources(row.getString(c++));
        String slot = row.getString(c);
        return new MemoryRecord(id, scope, text, hash, actor, role, metadata, categories, createdAt, updatedAt, eventTime,
                expirationDate, immutable, state, replacedBy, sources, slot);
    }
}
