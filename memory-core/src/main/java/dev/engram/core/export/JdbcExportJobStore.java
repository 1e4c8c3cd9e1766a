package dev.engram.core.export;

import dev.engram.core.domain.Tenant;
import dev.engram.core.error.StorageException;
import dev.engram.core.store.jdbc.JdbcDatabase;
import dev.engram.core.store.jdbc.SchemaMigrator;
import dev.engram.core.tenant.JdbcApiKeyStore;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link ExportJobStore} on the tenant directory's database (table {@code memory_exports}), in plain JDBC that H2,
 * SQLite and PostgreSQL all understand: ids as UUID text, instants as JDBC timestamps, the finished JSON as text in the
 * job's row. On the embedded database the directory's migration creates the table ({@code db/embedded-tenant/V5}); on
 * PostgreSQL Flyway does ({@code db/postgresql/V6}). The tenant is applied here, in {@link #TENANT}, on every read a
 * client's request reaches.
 */
public final class JdbcExportJobStore implements ExportJobStore {

    private static final String COLUMNS = "SELECT id, org_id, project_id, status, filters, export_schema, instructions, processed, total, "
            + "attempts, error, result_bytes, created_at, started_at, heartbeat_at, finished_at FROM memory_exports";
    private static final String TENANT = " org_id = ? AND project_id = ?";
    /** The longest failure reason kept per job. */
    static final int MAX_ERROR_LENGTH = 500;

    private final DataSource reads;
    private final DataSource writes;

    private JdbcExportJobStore(DataSource reads, DataSource writes) {
        this.reads = reads;
        this.writes = writes;
    }

    /** The store on an embedded tenant directory (H2 schema or SQLite file); migrates the directory's schema. */
    public static JdbcExportJobStore migrating(JdbcDatabase database) {
        new SchemaMigrator(database.dialect().tenantSchemaLocation(), JdbcApiKeyStore.SCHEMA_SCRIPTS).migrate(database);
        return new JdbcExportJobStore(database.reads(), database.writes());
    }

    /** The store on a database whose schema someone else migrates (Flyway on PostgreSQL). */
    public static JdbcExportJobStore onManagedSchema(DataSource dataSource) {
        return new JdbcExportJobStore(dataSource, dataSource);
    }

    @Override
    public ExportJob create(Tenant tenant, ExportRequest request, Instant at) {
        ExportJob job = new ExportJob(UUID.randomUUID(), tenant, ExportStatus.PENDING, request, 0, 0, 0, null, null, at, null, null, null);
        try (Connection c = writes.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO memory_exports (id, org_id, project_id, status, filters, export_schema, "
                     + "instructions, processed, total, attempts, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?)")) {
            s.setString(1, job.id().toString());
            s.setString(2, tenant.orgId());
            s.setString(3, tenant.projectId());
            s.setString(4, ExportStatus.PENDING.name());
            s.setString(5, request.filters());
            s.setString(6, request.schema());
            s.setString(7, request.instructions());
            s.setTimestamp(8, Timestamp.from(at));
            s.executeUpdate();
            return job;
        } catch (SQLException e) {
            throw failure("create a memory export", e);
        }
    }

    @Override
    public Optional<ExportJob> get(Tenant tenant, UUID id) {
        return jobs(COLUMNS + " WHERE id = ? AND" + TENANT, 1, id.toString(), tenant.orgId(), tenant.projectId()).stream().findFirst();
    }

    @Override
    public List<ExportJob> list(Tenant tenant, int limit) {
        return jobs(COLUMNS + " WHERE" + TENANT + " ORDER BY created_at DESC, id", limit, tenant.orgId(), tenant.projectId());
    }

    @Override
    public Optional<String> result(Tenant tenant, UUID id) {
        try (Connection c = reads.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT result FROM memory_exports WHERE id = ? AND" + TENANT + " AND status = ?")) {
            bind(s, id.toString(), tenant.orgId(), tenant.projectId(), ExportStatus.COMPLETED.name());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read a memory export", e);
        }
    }

    @Override
    public Optional<ExportJob> claimNext(Instant now, Duration stale) {
        Timestamp silentSince = Timestamp.from(now.minus(stale));
        List<ExportJob> candidates = jobs(COLUMNS + " WHERE status = ? OR (status = ? AND heartbeat_at < ?) ORDER BY created_at, id", 8,
                ExportStatus.PENDING.name(), ExportStatus.RUNNING.name(), silentSince);
        for (ExportJob job : candidates) {
            try (Connection c = writes.getConnection();
                 PreparedStatement s = c.prepareStatement("UPDATE memory_exports SET status = ?, attempts = attempts + 1, processed = 0, "
                         + "started_at = ?, heartbeat_at = ? WHERE id = ? AND status = ? AND attempts = ?")) {
                s.setString(1, ExportStatus.RUNNING.name());
                s.setTimestamp(2, Timestamp.from(now));
                s.setTimestamp(3, Timestamp.from(now));
                s.setString(4, job.id().toString());
                s.setString(5, job.status().name());
                s.setInt(6, job.attempts());
                if (s.executeUpdate() > 0) {
                    return Optional.of(new ExportJob(job.id(), job.tenant(), ExportStatus.RUNNING, job.request(), 0, job.total(),
                            job.attempts() + 1, null, null, job.createdAt(), now, now, null));
                }
            } catch (SQLException e) {
                throw failure("claim a memory export", e);
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean progress(UUID id, int attempt, int processed, int total, Instant at) {
        return running(id, attempt, "processed = ?, total = ?, heartbeat_at = ?", "record export progress", s -> {
            s.setInt(1, processed);
            s.setInt(2, total);
            s.setTimestamp(3, Timestamp.from(at));
            return 4;
        });
    }

    @Override
    public boolean complete(UUID id, int attempt, String result, int processed, Instant at) {
        return running(id, attempt, "status = ?, result = ?, result_bytes = ?, processed = ?, total = ?, heartbeat_at = ?, finished_at = ?",
                "complete a memory export", s -> {
                    s.setString(1, ExportStatus.COMPLETED.name());
                    s.setString(2, result);
                    s.setLong(3, result.getBytes(StandardCharsets.UTF_8).length);
                    s.setInt(4, processed);
                    s.setInt(5, processed);
                    s.setTimestamp(6, Timestamp.from(at));
                    s.setTimestamp(7, Timestamp.from(at));
                    return 8;
                });
    }

    @Override
    public boolean fail(UUID id, int attempt, String reason, Instant at) {
        String error = reason == null || reason.isBlank() ? "failed" : reason;
        String kept = error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
        return running(id, attempt, "status = ?, error = ?, heartbeat_at = ?, finished_at = ?", "fail a memory export", s -> {
            s.setString(1, ExportStatus.FAILED.name());
            s.setString(2, kept);
            s.setTimestamp(3, Timestamp.from(at));
            s.setTimestamp(4, Timestamp.from(at));
            return 5;
        });
    }

    @Override
    public int deleteTenant(Tenant tenant) {
        try (Connection c = writes.getConnection(); PreparedStatement s = c.prepareStatement("DELETE FROM memory_exports WHERE" + TENANT)) {
            bind(s, tenant.orgId(), tenant.projectId());
            return s.executeUpdate();
        } catch (SQLException e) {
            throw failure("delete a project's memory exports", e);
        }
    }

    @Override
    public int deleteFinishedBefore(Instant cutoff) {
        try (Connection c = writes.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM memory_exports WHERE status IN (?, ?) AND finished_at < ?")) {
            s.setString(1, ExportStatus.COMPLETED.name());
            s.setString(2, ExportStatus.FAILED.name());
            s.setTimestamp(3, Timestamp.from(cutoff));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw failure("delete old memory exports", e);
        }
    }

    private interface Setter {
        /** Binds the SET values and returns the next parameter index. */
        int bind(PreparedStatement s) throws SQLException;
    }

    /** Updates a RUNNING job of run {@code attempt}: nothing when another run took it over or it is finished. */
    private boolean running(UUID id, int attempt, String set, String what, Setter setter) {
        try (Connection c = writes.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE memory_exports SET " + set + " WHERE id = ? AND status = ? AND attempts = ?")) {
            int i = setter.bind(s);
            s.setString(i, id.toString());
            s.setString(i + 1, ExportStatus.RUNNING.name());
            s.setInt(i + 2, attempt);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private List<ExportJob> jobs(String sql, int limit, Object... params) {
        try (Connection c = reads.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            s.setMaxRows(limit);
            List<ExportJob> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next() && out.size() < limit) {
                    long bytes = r.getLong(12);
                    Long resultBytes = r.wasNull() ? null : bytes;
                    out.add(new ExportJob(UUID.fromString(r.getString(1)), Tenant.of(r.getString(2), r.getString(3)),
                            ExportStatus.valueOf(r.getString(4)), new ExportRequest(r.getString(5), r.getString(6), r.getString(7)),
                            r.getInt(8), r.getInt(9), r.getInt(10), r.getString(11), resultBytes, instant(r, 13), instant(r, 14),
                            instant(r, 15), instant(r, 16)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read memory exports", e);
        }
    }

    private static void bind(PreparedStatement s, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            if (params[i] instanceof Timestamp t) s.setTimestamp(i + 1, t);
            else s.setString(i + 1, (String) params[i]);
        }
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        Timestamp t = r.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static StorageException failure(String what, SQLException e) {
        return new StorageException("Cannot " + what + ": " + e.getMessage(), e);
    }
}
