package dev.engram.core.tenant;

import dev.engram.core.domain.Tenant;
import dev.engram.core.error.StorageException;
import dev.engram.core.store.jdbc.JdbcDatabase;
import dev.engram.core.store.jdbc.SchemaMigrator;
import dev.engram.core.store.jdbc.SqlDialect;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@link ApiKeyStore} on the platform database, tables {@code projects} and {@code api_keys}, in plain JDBC that H2,
 * SQLite and PostgreSQL all understand (instants as JDBC timestamps; key ids as UUIDs, as UUID text on SQLite). On the embedded database the store migrates its own schema ({@code db/embedded-tenant});
 * on PostgreSQL the tables come from Flyway ({@code db/postgresql/V2}, {@code V3}), shared with the dashboard. A project's
 * {@link ProjectDefaults} are JSON text in {@code projects.defaults} ({@link ProjectDefaultsJson}).
 */
public final class JdbcApiKeyStore implements ApiKeyStore {

    private static final String PROJECT_COLUMNS = "SELECT org_id, project_id, name, created_at, defaults FROM projects";
    private static final String KEY_COLUMNS =
            "id, org_id, project_id, name, prefix, scopes, user_email, created_at, last_used_at, revoked_at, default_user_id";

    /** The embedded schema's scripts, oldest first: add new ones at the end. */
    public static final List<String> SCHEMA_SCRIPTS = List.of("V1__keys.sql", "V2__project_defaults.sql", "V3__webhooks.sql",
            "V4__key_default_user.sql", "V5__memory_exports.sql", "V6__profiles.sql", "V7__feedback.sql");
    public static final String SCHEMA_LOCATION = "db/embedded-tenant";

    private final DataSource reads;
    private final DataSource writes;
    /** SQLite has no UUID type: ids are bound as their text. */
    private final boolean uuidAsText;

    private JdbcApiKeyStore(DataSource reads, DataSource writes, boolean uuidAsText) {
        this.reads = reads;
        this.writes = writes;
        this.uuidAsText = uuidAsText;
    }

    /** The store on an embedded H2 database whose connections start in the directory's own schema; migrates it. */
    public static JdbcApiKeyStore migrating(DataSource dataSource) {
        return migrating(JdbcDatabase.h2(dataSource));
    }

    /** The store on an embedded database of its own (H2 schema or SQLite file); migrates it with the dialect's scripts. */
    public static JdbcApiKeyStore migrating(JdbcDatabase database) {
        new SchemaMigrator(database.dialect().tenantSchemaLocation(), SCHEMA_SCRIPTS).migrate(database);
        return new JdbcApiKeyStore(database.reads(), database.writes(), database.dialect() == SqlDialect.SQLITE);
    }

    /** The store on a database whose schema someone else migrates (Flyway on PostgreSQL). */
    public static JdbcApiKeyStore onManagedSchema(DataSource dataSource) {
        return new JdbcApiKeyStore(dataSource, dataSource, false);
    }

    /**
     * Copies every project and API key from one embedded directory to another whose tables are empty (the H2 to SQLite
     * migration). Both must be at the newest schema version.
     *
     * @return the number of projects and of keys copied
     */
    public static int[] copy(DataSource from, DataSource to) {
        try (Connection source = from.getConnection(); Connection target = to.getConnection()) {
            target.setAutoCommit(false);
            int projects = 0;
            int keys = 0;
            try (Statement select = source.createStatement();
                 ResultSet r = select.executeQuery("SELECT org_id, project_id, name, created_at, defaults, defaults_updated_at FROM projects");
                 PreparedStatement insert = target.prepareStatement("INSERT INTO projects (org_id, project_id, name, created_at, "
                         + "defaults, defaults_updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                while (r.next()) {
                    insert.setString(1, r.getString(1));
                    insert.setString(2, r.getString(2));
                    insert.setString(3, r.getString(3));
                    insert.setTimestamp(4, r.getTimestamp(4));
                    insert.setString(5, r.getString(5));
                    insert.setTimestamp(6, r.getTimestamp(6));
                    insert.executeUpdate();
                    projects++;
                }
            }
            try (Statement select = source.createStatement();
                 ResultSet r = select.executeQuery("SELECT " + KEY_COLUMNS + ", key_hash FROM api_keys");
                 PreparedStatement insert = target.prepareStatement("INSERT INTO api_keys (" + KEY_COLUMNS
                         + ", key_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                while (r.next()) {
                    for (int c = 1; c <= 12; c++) {
                        if (c >= 8 && c <= 10) insert.setTimestamp(c, r.getTimestamp(c));
                        else insert.setString(c, r.getString(c));
                    }
                    insert.executeUpdate();
                    keys++;
                }
            }
            target.commit();
            return new int[]{projects, keys};
        } catch (SQLException e) {
            throw failure("copy the tenant directory", e);
        }
    }

    @Override
    public boolean createProject(Tenant tenant, String name, Instant at) {
        if (project(tenant).isPresent()) return false;
        try (Connection c = writes.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO projects (org_id, project_id, name, created_at) VALUES (?, ?, ?, ?)")) {
            s.setString(1, tenant.orgId());
            s.setString(2, tenant.projectId());
            s.setString(3, name);
            s.setTimestamp(4, Timestamp.from(at));
            s.executeUpdate();
            return true;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) return false; // created concurrently
            throw failure("create a project", e);
        }
    }

    @Override
    public Optional<Project> project(Tenant tenant) {
        List<Project> found = queryProjects(PROJECT_COLUMNS + " WHERE org_id = ? AND project_id = ?", tenant.orgId(), tenant.projectId());
        return found.stream().findFirst();
    }

    @Override
    public List<Project> projects(String orgId) {
        return orgId == null
                ? queryProjects(PROJECT_COLUMNS + " ORDER BY created_at, org_id, project_id")
                : queryProjects(PROJECT_COLUMNS + " WHERE org_id = ? ORDER BY created_at, project_id", orgId);
    }

    @Override
    public boolean updateDefaults(Tenant tenant, ProjectDefaults defaults, Instant at) {
        try (Connection c = writes.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE projects SET defaults = ?, defaults_updated_at = ? WHERE org_id = ? AND project_id = ?")) {
            s.setString(1, ProjectDefaultsJson.write(defaults));
            s.setTimestamp(2, Timestamp.from(at));
            s.setString(3, tenant.orgId());
            s.setString(4, tenant.projectId());
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("store a project's defaults", e);
        }
    }

    @Override
    public ApiKey createKey(Tenant tenant, String name, String keyText, Set<KeyScope> scopes, String userEmail, String defaultUserId,
                            Instant at) {
        ApiKey key = new ApiKey(UUID.randomUUID(), tenant, name, ApiKeys.visiblePrefix(keyText), scopes, userEmail, at, null, null,
                defaultUserId);
        try (Connection c = writes.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO api_keys (id, org_id, project_id, name, prefix, key_hash, scopes, "
                     + "user_email, created_at, default_user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, uuidAsText ? key.id().toString() : key.id());
            s.setString(2, tenant.orgId());
            s.setString(3, tenant.projectId());
            s.setString(4, name);
            s.setString(5, key.prefix());
            s.setString(6, ApiKeys.hash(keyText));
            s.setString(7, KeyScope.join(scopes));
            s.setString(8, userEmail);
            s.setTimestamp(9, Timestamp.from(at));
            s.setString(10, key.defaultUserId());
            s.executeUpdate();
            return key;
        } catch (SQLException e) {
            throw failure("store an API key", e);
        }
    }

    @Override
    public Optional<ApiKey> findByKey(String keyText) {
        return queryKeys("SELECT " + KEY_COLUMNS + " FROM api_keys WHERE key_hash = ?", ApiKeys.hash(keyText)).stream().findFirst();
    }

    @Override
    public Optional<ApiKey> findById(UUID keyId) {
        return queryKeys("SELECT " + KEY_COLUMNS + " FROM api_keys WHERE id = ?", uuidAsText ? keyId.toString() : keyId).stream().findFirst();
    }

    @Override
    public List<ApiKey> keys(Tenant tenant) {
        return queryKeys("SELECT " + KEY_COLUMNS + " FROM api_keys WHERE org_id = ? AND project_id = ? ORDER BY created_at, id",
                tenant.orgId(), tenant.projectId());
    }

    @Override
    public boolean revoke(UUID keyId, Instant at) {
        return update("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?", at, keyId) > 0;
    }

    @Override
    public boolean setDefaultUser(UUID keyId, String defaultUserId) {
        String userId = ApiKey.defaultUser(defaultUserId);
        try (Connection c = writes.getConnection(); PreparedStatement s = c.prepareStatement("UPDATE api_keys SET default_user_id = ? WHERE id = ?")) {
            s.setString(1, userId);
            s.setObject(2, uuidAsText ? keyId.toString() : keyId);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("update an API key", e);
        }
    }

    @Override
    public void touch(UUID keyId, Instant at) {
        update("UPDATE api_keys SET last_used_at = ? WHERE id = ?", at, keyId);
    }

    @Override
    public boolean hasActiveAdminKey() {
        return queryKeys("SELECT " + KEY_COLUMNS + " FROM api_keys WHERE revoked_at IS NULL AND scopes LIKE ?", "%admin%")
                .stream().anyMatch(k -> k.scopes().contains(KeyScope.ADMIN));
    }

    private int update(String sql, Instant at, UUID id) {
        try (Connection c = writes.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setObject(2, uuidAsText ? id.toString() : id);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw failure("update an API key", e);
        }
    }

    private List<Project> queryProjects(String sql, Object... args) {
        try (Connection c = reads.getConnection(); PreparedStatement s = prepare(c, sql, args); ResultSet r = s.executeQuery()) {
            List<Project> out = new ArrayList<>();
            while (r.next()) {
                out.add(new Project(Tenant.of(r.getString(1), r.getString(2)), r.getString(3), r.getTimestamp(4).toInstant(),
                        ProjectDefaultsJson.read(r.getString(5))));
            }
            return out;
        } catch (SQLException e) {
            throw failure("read projects", e);
        }
    }

    private List<ApiKey> queryKeys(String sql, Object... args) {
        try (Connection c = reads.getConnection(); PreparedStatement s = prepare(c, sql, args); ResultSet r = s.executeQuery()) {
            List<ApiKey> out = new ArrayList<>();
            while (r.next()) {
                out.add(new ApiKey(UUID.fromString(r.getString(1)) /* a UUID or UUID text */, Tenant.of(r.getString(2), r.getString(3)), r.getString(4), r.getString(5),
                        KeyScope.split(r.getString(6)), r.getString(7), instant(r.getTimestamp(8)), instant(r.getTimestamp(9)),
                        instant(r.getTimestamp(10)), r.getString(11)));
            }
            return out;
        } catch (SQLException e) {
            throw failure("read API keys", e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) s.setObject(i + 1, args[i]);
        return s;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static StorageException failure(String what, SQLException e) {
        return new StorageException("Cannot " + what + ": " + e.getMessage(), e);
    }
}
