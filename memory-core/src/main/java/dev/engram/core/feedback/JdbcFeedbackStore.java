package dev.engram.core.feedback;

import dev.engram.core.domain.Tenant;
import dev.engram.core.error.StorageException;
import dev.engram.core.store.jdbc.JdbcDatabase;
import dev.engram.core.store.jdbc.SchemaMigrator;
import dev.engram.core.tenant.JdbcApiKeyStore;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link FeedbackStore} on the tenant directory's database (table {@code memory_feedback}), in plain JDBC that H2,
 * SQLite and PostgreSQL all understand: ids as UUID text, instants as JDBC timestamps. On the embedded database the
 * directory's migration creates the table ({@code db/embedded-tenant/V7}, {@code db/embedded-sqlite-tenant/V7}); on
 * PostgreSQL Flyway does ({@code db/postgresql/V8}).
 *
 * <p>Tenant isolation: every statement ends with {@link #TENANT}, bound by {@link #bindTenant}; nothing else in this
 * class names the table without it.
 */
public final class JdbcFeedbackStore implements FeedbackStore {

    /** The predicate every statement of this class ends with. */
    private static final String TENANT = " org_id = ? AND project_id = ?";
    private static final String COLUMNS = "SELECT memory_id, feedback, reason, submitted_by, submitted_at FROM memory_feedback WHERE";

    private final DataSource reads;
    private final DataSource writes;

    private JdbcFeedbackStore(DataSource reads, DataSource writes) {
        this.reads = reads;
        this.writes = writes;
    }

    /** The store on an embedded tenant directory (H2 schema or SQLite file); migrates the directory's schema. */
    public static JdbcFeedbackStore migrating(JdbcDatabase database) {
        new SchemaMigrator(database.dialect().tenantSchemaLocation(), JdbcApiKeyStore.SCHEMA_SCRIPTS).migrate(database);
        return new JdbcFeedbackStore(database.reads(), database.writes());
    }

    /** The store on a database whose schema someone else migrates (Flyway on PostgreSQL). */
    public static JdbcFeedbackStore onManagedSchema(DataSource dataSource) {
        return new JdbcFeedbackStore(dataSource, dataSource);
    }

    @Override
    public void put(Tenant tenant, MemoryFeedback f) {
        try (Connection c = writes.getConnection()) {
            // Update, else insert; two submissions racing to insert: the loser's insert fails and it updates instead.
            if (update(c, tenant, f) > 0) return;
            try {
                insert(c, tenant, f);
            } catch (SQLException duplicate) {
                if (update(c, tenant, f) == 0) throw duplicate;
            }
        } catch (SQLException e) {
            throw failure("record feedback", e);
        }
    }

    private static int update(Connection c, Tenant tenant, MemoryFeedback f) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE memory_feedback SET feedback = ?, reason = ?, submitted_by = ?, "
                + "submitted_at = ? WHERE memory_id = ? AND" + TENANT)) {
            s.setString(1, f.value().name());
            s.setString(2, f.reason());
            s.setString(3, f.submittedBy());
            s.setTimestamp(4, Timestamp.from(f.submittedAt()));
            s.setString(5, f.memoryId().toString());
            bindTenant(s, 6, tenant);
            return s.executeUpdate();
        }
    }

    private static void insert(Connection c, Tenant tenant, MemoryFeedback f) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO memory_feedback (feedback, reason, submitted_by, submitted_at, "
                + "memory_id, org_id, project_id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, f.value().name());
            s.setString(2, f.reason());
            s.setString(3, f.submittedBy());
            s.setTimestamp(4, Timestamp.from(f.submittedAt()));
            s.setString(5, f.memoryId().toString());
            bindTenant(s, 6, tenant);
            s.executeUpdate();
        }
    }

    @Override
    public boolean clear(Tenant tenant, UUID memoryId) {
        try (Connection c = writes.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM memory_feedback WHERE memory_id = ? AND" + TENANT)) {
            s.setString(1, memoryId.toString());
            bindTenant(s, 2, tenant);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("clear feedback", e);
        }
    }

    @Override
    public Optional<MemoryFeedback> get(Tenant tenant, UUID memoryId) {
        return read(COLUMNS + " memory_id = ? AND" + TENANT, tenant, memoryId.toString()).stream().findFirst();
    }

    @Override
    public List<MemoryFeedback> all(Tenant tenant) {
        return read(COLUMNS + TENANT, tenant);
    }

    @Override
    public void forget(Tenant tenant, Collection<UUID> memoryIds) {
        if (memoryIds.isEmpty()) return;
        try (Connection c = writes.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM memory_feedback WHERE memory_id = ? AND" + TENANT)) {
            for (UUID id : memoryIds) {
                s.setString(1, id.toString());
                bindTenant(s, 2, tenant);
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw failure("remove the feedback of deleted memories", e);
        }
    }

    @Override
    public void deleteTenant(Tenant tenant) {
        try (Connection c = writes.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM memory_feedback WHERE" + TENANT)) {
            bindTenant(s, 1, tenant);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("delete a project's feedback", e);
        }
    }

    /** Runs a query whose {@code ?} are {@code leading} then the tenant's two. */
    private List<MemoryFeedback> read(String sql, Tenant tenant, String... leading) {
        try (Connection c = reads.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < leading.length; i++) s.setString(i + 1, leading[i]);
            bindTenant(s, leading.length + 1, tenant);
            List<MemoryFeedback> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new MemoryFeedback(UUID.fromString(r.getString(1)), FeedbackValue.valueOf(r.getString(2)), r.getString(3),
                            r.getString(4), r.getTimestamp(5).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read feedback", e);
        }
    }

    private static void bindTenant(PreparedStatement s, int first, Tenant tenant) throws SQLException {
        s.setString(first, tenant.orgId());
        s.setString(first + 1, tenant.projectId());
    }

    private static StorageException failure(String what, SQLException e) {
        return new StorageException("Cannot " + what + ": " + e.getMessage(), e);
    }
}
