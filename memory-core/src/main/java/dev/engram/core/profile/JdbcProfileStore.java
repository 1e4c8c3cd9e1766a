package dev.engram.core.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link ProfileStore} on the tenant directory's database (tables {@code user_profiles}, {@code profile_jobs} and
 * {@code profile_settings}), in plain JDBC that H2, SQLite and PostgreSQL all understand. Tenant isolation lives here,
 * once: every statement a request reaches binds the tenant's org and project in its WHERE clause (or its key), so a row
 * of another project is neither read nor written. On the embedded database the directory's migration creates the
 * tables ({@code db/embedded-tenant/V6}); on PostgreSQL Flyway does ({@code db/postgresql/V7}).
 */
public final class JdbcProfileStore implements ProfileStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROFILE_COLUMNS =
            "SELECT org_id, project_id, user_id, profile, status, error, generation_count, changes, updated_at FROM user_profiles";
    private static final String JOB_COLUMNS = "SELECT id, org_id, project_id, idempotency_key, operation, status, entity_ids, total, "
            + "succeeded, failed, skipped, created_at, updated_at FROM profile_jobs";
    /** The longest failure text kept per profile. */
    static final int MAX_ERROR_LENGTH = 500;

    private final DataSource reads;
    private final DataSource writes;

    private JdbcProfileStore(DataSource reads, DataSource writes) {
        this.reads = reads;
        this.writes = writes;
    }

    /** The store on an embedded tenant directory (H2 schema or SQLite file); migrates the directory's schema. */
    public static JdbcProfileStore migrating(JdbcDatabase database) {
        new SchemaMigrator(database.dialect().tenantSchemaLocation(), JdbcApiKeyStore.SCHEMA_SCRIPTS).migrate(database);
        return new JdbcProfileStore(database.reads(), database.writes());
    }

    /** The store on a database whose schema someone else migrates (Flyway on PostgreSQL). */
    public static JdbcProfileStore onManagedSchema(DataSource dataSource) {
        return new JdbcProfileStore(dataSource, dataSource);
    }

    @Override
    public Optional<UserProfile> profile(Tenant tenant, String userId) {
        try (Connection c = reads.getConnection()) {
            return profile(c, tenant, userId);
        } catch (SQLException e) {
            throw failure("read a profile", e);
        }
    }

    private static Optional<UserProfile> profile(Connection c, Tenant tenant, String userId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(PROFILE_COLUMNS + " WHERE org_id = ? AND project_id = ? AND user_id = ?")) {
            s.setString(1, tenant.orgId());
            s.setString(2, tenant.projectId());
            s.setString(3, userId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) return Optional.empty();
                String status = r.getString(5);
                return Optional.of(new UserProfile(Tenant.of(r.getString(1), r.getString(2)), r.getString(3), r.getString(4),
                        status == null ? null : ProfileStatus.valueOf(status), r.getString(6), r.getInt(7), r.getInt(8), instant(r, 9)));
            }
        }
    }

    @Override
    public int countChanges(Tenant tenant, String userId, int n) {
        try {
            return inTransaction(c -> {
                ensureRow(c, tenant, userId);
                try (PreparedStatement s = c.prepareStatement("UPDATE user_profiles SET changes = changes + ? "
                        + "WHERE org_id = ? AND project_id = ? AND user_id = ?")) {
                    s.setInt(1, n);
                    bindUser(s, 2, tenant, userId);
                    s.executeUpdate();
                }
                return profile(c, tenant, userId).map(UserProfile::changes).orElse(n);
            });
        } catch (SQLException e) {
            throw failure("count profile changes", e);
        }
    }

    @Override
    public void markPending(Tenant tenant, String userId) {
        try {
            inTransaction(c -> {
                ensureRow(c, tenant, userId);
                try (PreparedStatement s = c.prepareStatement("UPDATE user_profiles SET status = ?, error = NULL "
                        + "WHERE org_id = ? AND project_id = ? AND user_id = ?")) {
                    s.setString(1, ProfileStatus.PENDING.name());
                    bindUser(s, 2, tenant, userId);
                    return s.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw failure("mark a profile pending", e);
        }
    }

    @Override
    public void saveResult(Tenant tenant, String userId, String profileJson, ProfileStatus status, String error, int changesSeen, Instant at) {
        try {
            inTransaction(c -> {
                ensureRow(c, tenant, userId);
                String sql = "UPDATE user_profiles SET " + (profileJson != null ? "profile = ?, updated_at = ?, " : "")
                        + "status = ?, error = ?, generation_count = generation_count + ?, "
                        + "changes = CASE WHEN changes > ? THEN changes - ? ELSE 0 END WHERE org_id = ? AND project_id = ? AND user_id = ?";
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    int i = 1;
                    if (profileJson != null) {
                        s.setString(i++, profileJson);
                        s.setTimestamp(i++, Timestamp.from(at));
                    }
                    s.setString(i++, status.name());
                    s.setString(i++, error == null ? null : truncate(error));
                    s.setInt(i++, status == ProfileStatus.SUCCEEDED ? 1 : 0);
                    s.setInt(i++, changesSeen);
                    s.setInt(i++, changesSeen);
                    bindUser(s, i, tenant, userId);
                    return s.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw failure("save a profile", e);
        }
    }

    /** Inserts the user's empty row unless it exists; a concurrent insert of the same row is not an error. */
    private static void ensureRow(Connection c, Tenant tenant, String userId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM user_profiles WHERE org_id = ? AND project_id = ? AND user_id = ?")) {
            bindUser(s, 1, tenant, userId);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) return;
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO user_profiles (org_id, project_id, user_id, profile, status, error, "
                + "generation_count, changes, updated_at) VALUES (?, ?, ?, ?, NULL, NULL, 0, 0, NULL)")) {
            bindUser(s, 1, tenant, userId);
            s.setString(4, UserProfile.EMPTY);
            s.executeUpdate();
        }
    }

    private static void bindUser(PreparedStatement s, int from, Tenant tenant, String userId) throws SQLException {
        s.setString(from, tenant.orgId());
        s.setString(from + 1, tenant.projectId());
        s.setString(from + 2, userId);
    }

    @Override
    public Created createJob(ProfileJob job) {
        Optional<ProfileJob> existing = jobByKey(job.tenant(), job.idempotencyKey());
        if (existing.isPresent()) return new Created(existing.get(), true);
        try (Connection c = writes.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO profile_jobs (id, org_id, project_id, idempotency_key, operation, status, "
                     + "entity_ids, total, succeeded, failed, skipped, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, job.id().toString());
            s.setString(2, job.tenant().orgId());
            s.setString(3, job.tenant().projectId());
            s.setString(4, job.idempotencyKey());
            s.setString(5, job.operation().name());
            s.setString(6, job.status().name());
            s.setString(7, JSON.writeValueAsString(job.entityIds()));
            s.setInt(8, job.total());
            s.setInt(9, job.succeeded());
            s.setInt(10, job.failed());
            s.setInt(11, job.skipped());
            s.setTimestamp(12, Timestamp.from(job.createdAt()));
            s.setTimestamp(13, Timestamp.from(job.updatedAt()));
            s.executeUpdate();
            return new Created(job, false);
        } catch (SQLException e) {
            // Another request with the same key won the insert: that job is the one.
            return jobByKey(job.tenant(), job.idempotencyKey()).map(j -> new Created(j, true))
                    .orElseThrow(() -> failure("create a profile job", e));
        } catch (JsonProcessingException e) {
            throw new StorageException("Cannot write a profile job's users: " + e.getMessage(), e);
        }
    }

    private Optional<ProfileJob> jobByKey(Tenant tenant, String key) {
        return jobs(JOB_COLUMNS + " WHERE org_id = ? AND project_id = ? AND idempotency_key = ?", 1, tenant.orgId(), tenant.projectId(), key)
                .stream().findFirst();
    }

    @Override
    public Optional<ProfileJob> job(Tenant tenant, UUID id) {
        return jobs(JOB_COLUMNS + " WHERE id = ? AND org_id = ? AND project_id = ?", 1, id.toString(), tenant.orgId(), tenant.projectId())
                .stream().findFirst();
    }

    @Override
    public void updateJob(ProfileJob job) {
        try (Connection c = writes.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE profile_jobs SET status = ?, succeeded = ?, failed = ?, skipped = ?, "
                     + "updated_at = ? WHERE id = ? AND org_id = ? AND project_id = ?")) {
            s.setString(1, job.status().name());
            s.setInt(2, job.succeeded());
            s.setInt(3, job.failed());
            s.setInt(4, job.skipped());
            s.setTimestamp(5, Timestamp.from(job.updatedAt()));
            s.setString(6, job.id().toString());
            s.setString(7, job.tenant().orgId());
            s.setString(8, job.tenant().projectId());
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("update a profile job", e);
        }
    }

    @Override
    public List<ProfileJob> unfinishedJobs(int limit) {
        return jobs(JOB_COLUMNS + " WHERE status IN (?, ?) ORDER BY created_at, id", limit, ProfileJob.Status.PENDING.name(),
                ProfileJob.Status.RUNNING.name());
    }

    @Override
    public ProfileSettings settings(Tenant tenant) {
        try (Connection c = reads.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT enabled, user_schema, user_instructions FROM profile_settings "
                     + "WHERE org_id = ? AND project_id = ?")) {
            s.setString(1, tenant.orgId());
            s.setString(2, tenant.projectId());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new ProfileSettings(r.getInt(1) != 0, r.getString(2), r.getString(3)) : ProfileSettings.DEFAULTS;
            }
        } catch (SQLException e) {
            throw failure("read profile settings", e);
        }
    }

    @Override
    public void saveSettings(Tenant tenant, ProfileSettings settings, Instant at) {
        try {
            inTransaction(c -> {
                int updated;
                try (PreparedStatement s = c.prepareStatement("UPDATE profile_settings SET enabled = ?, user_schema = ?, "
                        + "user_instructions = ?, updated_at = ? WHERE org_id = ? AND project_id = ?")) {
                    bindSettings(s, settings, at);
                    s.setString(5, tenant.orgId());
                    s.setString(6, tenant.projectId());
                    updated = s.executeUpdate();
                }
                if (updated > 0) return updated;
                try (PreparedStatement s = c.prepareStatement("INSERT INTO profile_settings (enabled, user_schema, user_instructions, "
                        + "updated_at, org_id, project_id) VALUES (?, ?, ?, ?, ?, ?)")) {
                    bindSettings(s, settings, at);
                    s.setString(5, tenant.orgId());
                    s.setString(6, tenant.projectId());
                    return s.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw failure("save profile settings", e);
        }
    }

    private static void bindSettings(PreparedStatement s, ProfileSettings settings, Instant at) throws SQLException {
        s.setInt(1, settings.enabled() ? 1 : 0);
        s.setString(2, settings.userSchema());
        s.setString(3, settings.userInstructions());
        s.setTimestamp(4, Timestamp.from(at));
    }

    @Override
    public void deleteTenant(Tenant tenant) {
        try {
            inTransaction(c -> {
                for (String table : List.of("user_profiles", "profile_jobs", "profile_settings")) {
                    try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE org_id = ? AND project_id = ?")) {
                        s.setString(1, tenant.orgId());
                        s.setString(2, tenant.projectId());
                        s.executeUpdate();
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw failure("delete a project's profiles", e);
        }
    }

    private List<ProfileJob> jobs(String sql, int limit, String... params) {
        try (Connection c = reads.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) s.setString(i + 1, params[i]);
            s.setMaxRows(limit);
            List<ProfileJob> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next() && out.size() < limit) {
                    out.add(new ProfileJob(UUID.fromString(r.getString(1)), Tenant.of(r.getString(2), r.getString(3)), r.getString(4),
                            ProfileJob.Operation.valueOf(r.getString(5)), ProfileJob.Status.valueOf(r.getString(6)), ids(r.getString(7)),
                            r.getInt(8), r.getInt(9), r.getInt(10), r.getInt(11), instant(r, 12), instant(r, 13)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read profile jobs", e);
        }
    }

    private static List<String> ids(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new StorageException("A profile job's users cannot be read: " + e.getMessage(), e);
        }
    }

    private <T> T inTransaction(JdbcDatabase.SqlWork<T> work) throws SQLException {
        try (Connection c = writes.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        Timestamp t = r.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static String truncate(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }

    private static StorageException failure(String what, SQLException e) {
        return new StorageException("Cannot " + what + ": " + e.getMessage(), e);
    }
}
