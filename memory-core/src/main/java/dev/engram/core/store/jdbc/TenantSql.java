package dev.engram.core.store.jdbc;

import dev.engram.core.domain.Tenant;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The single place where {@link JdbcMemoryStore} turns SQL into statements on its tenant-keyed tables. Every statement
 * it builds filters on, or writes, {@code org_id} and {@code project_id} as its first two parameters, bound from the
 * tenant it was created for; callers only supply the rest. {@link #allTenants} is the one statement that spans tenants.
 */
final class TenantSql {

    static final String TENANT_COLUMNS = "org_id, project_id";
    private static final String TENANT_CONDITION = "org_id = ? AND project_id = ?";

    private static final List<String> TENANT_KEY = List.of("org_id", "project_id");

    private final Tenant tenant;
    private final SqlDialect dialect;

    TenantSql(Tenant tenant, SqlDialect dialect) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    SqlDialect dialect() {
        return dialect;
    }

    /**
     * {@code <head> WHERE org_id = ? AND project_id = ? [AND (<condition>)] [<tail>]}, e.g. head
     * {@code SELECT ... FROM memories} or {@code DELETE FROM history}.
     *
     * @param condition extra condition, or null
     * @param tail      ORDER BY / LIMIT, or null
     */
    TenantStatement where(Connection connection, String head, String condition, String tail) throws SQLException {
        StringBuilder sql = new StringBuilder(head).append(" WHERE ").append(TENANT_CONDITION);
        if (condition != null) sql.append(" AND (").append(condition).append(')');
        if (tail != null) sql.append(' ').append(tail);
        return prepare(connection, sql.toString());
    }

    /** Inserts a row into {@code table}, or replaces the tenant's row with the same {@code id} ({@link SqlDialect#upsert}). */
    TenantStatement upsertById(Connection connection, String table, List<String> columns) throws SQLException {
        List<String> all = new ArrayList<>(TENANT_KEY);
        all.addAll(columns);
        List<String> key = new ArrayList<>(TENANT_KEY);
        key.add("id");
        return prepare(connection, dialect.upsert(table, all, key));
    }

    /** Inserts a row into {@code table}. */
    TenantStatement insert(Connection connection, String table, List<String> columns) throws SQLException {
        return prepare(connection, "INSERT INTO " + table + " (" + TENANT_COLUMNS + ", " + String.join(", ", columns)
                + ") VALUES (?, ?, " + placeholders(columns.size()) + ")");
    }

    /** Every tenant with at least one memory: the only query that is not scoped to one tenant. */
    static List<Tenant> allTenants(Connection connection) throws SQLException {
        List<Tenant> tenants = new ArrayList<>();
        try (var statement = connection.prepareStatement(
                "SELECT DISTINCT " + TENANT_COLUMNS + " FROM memories ORDER BY " + TENANT_COLUMNS);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) tenants.add(new Tenant(rows.getString(1), rows.getString(2)));
        }
        return tenants;
    }

    /** {@code ?, ?, …} with {@code count} markers, for IN lists and VALUES. */
    static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private TenantStatement prepare(Connection connection, String sql) throws SQLException {
        var statement = connection.prepareStatement(sql);
        try {
            return new TenantStatement(statement, tenant, dialect);
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
