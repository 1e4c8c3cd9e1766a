package dev.engram.core.tenant;

import dev.engram.core.domain.Tenant;
import dev.engram.core.error.StorageException;
import dev.engram.core.store.jdbc.SchemaMigrator;

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
import java.util.Set;
import java.util.UUID;

/**
 * {@link ApiKeyStore} on the platform database, tables {@code projects} and {@code api_keys}, in plain JDBC that H2 and
 * PostgreSQL both understand. On the embedded database the store migrates its own schema ({@code db/embedded-tenant});
 * on PostgreSQL the tables come from Flyway ({@code db/postgresql/V2}, {@code V3}), shared with the dashboard. A project's
 * {@link ProjectDefaults} are JSON text in {@code projects.defaults} ({@link ProjectDefaultsJson}).
 */
public final class JdbcApiKeyStore implements ApiKeyStore {

    private static final String PROJECT_COLUMNS = "SELECT org_id, project_id, name, created_at, defaults FROM projects";
    private static final String KEY_COLUMNS =
            "id, org_id, project_id, name, prefix, scopes, user_email, created_at, last_used_at, revoked_at";

    /** The embedded schema's scripts, oldest first: add new ones at the end. */
    public static final List<String> SCHEMA_SCRIPTS = List.of("V1__keys.sql", "V2__project_defaults.sql");
    public static final String SCHEMA_LOCATION = "db/embedded-tenant";

    private final DataSource dataSource;

    private JdbcApiKeyStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The store on an embedded database whose connections start in the directory's own schema; migrates it. */
    public static JdbcApiKeyStore migrating(DataSource dataSource) {
        new SchemaMigrator(SCHEMA_LOCATION, SCHEMA_SCRIPTS).migrate(dataSource);
        return new JdbcApiKeyStore(dataSource);
    }

    /** The store on a database whose schema someone else migrates (Flyway on PostgreSQL). */
    public static JdbcApiKeyStore onManagedSchema(DataSource dataSource) {
        return new JdbcApiKeyStore(dataSource);
    }

    @Override
    public boolean createProject(Tenant tenant, String name, Instant at) {
        if (project(tenant).isPresent()) return false;
        try (Connection c = dataSource.getConnection();
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
        try (Connection c = dataSource.getConnection();
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
    public ApiKey createKey(Tenant tenant, String name, String keyText, Set<KeyScope> scopes, String userEmail, Instant at) {
        ApiKey key = new ApiKey(UUID.randomUUID(), tenant, name, ApiKeys.visiblePrefix(keyText), scopes, userEmail, at, null, null);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO api_keys (id, org_id, project_id, name, prefix, key_hash, scopes, "
                     + "user_email, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, key.id());
            s.setString(2, tenant.orgId());
            s.setString(3, tenant.projectId());
            s.setString(4, name);
            s.setString(5, key.prefix());
            s.setString(6, ApiKeys.hash(keyText));
            s.setString(7, KeyScope.join(scopes));
            s.setString(8, userEmail);
            s.setTimestamp(9, Timestamp.from(at));
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
    public List<ApiKey> keys(Tenant tenant) {
        return queryKeys("SELECT " + KEY_COLUMNS + " FROM api_keys WHERE org_id = ? AND project_id = ? ORDER BY created_at, id",
                tenant.orgId(), tenant.projectId());
    }

    @Override
    public boolean revoke(UUID keyId, Instant at) {
        return update("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?", at, keyId) > 0;
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
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setObject(2, id);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw failure("update an API key", e);
        }
    }

    private List<Project> queryProjects(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, args); ResultSet r = s.executeQuery()) {
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
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, args); ResultSet r = s.executeQuery()) {
            List<ApiKey> out = new ArrayList<>();
            while (r.next()) {
                out.add(new ApiKey(r.getObject(1, UUID.class), Tenant.of(r.getString(2), r.getString(3)), r.getString(4), r.getString(5),
                        KeyScope.split(r.getString(6)), r.getString(7), instant(r.getTimestamp(8)), instant(r.getTimestamp(9)),
                        instant(r.getTimestamp(10))));
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
