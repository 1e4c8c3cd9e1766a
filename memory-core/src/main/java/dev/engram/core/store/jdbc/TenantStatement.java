package dev.engram.core.store.jdbc;

import dev.engram.core.domain.Tenant;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A prepared statement whose first two parameters are the tenant's org and project ids, bound on creation and again
 * after every {@link #addBatch()}. The remaining parameters are bound in order with {@link #bind}.
 */
final class TenantStatement implements AutoCloseable {

    private static final int FIRST_FREE_PARAMETER = 3;

    private final PreparedStatement statement;
    private final Tenant tenant;
    private final SqlDialect dialect;
    private int next;

    TenantStatement(PreparedStatement statement, Tenant tenant, SqlDialect dialect) throws SQLException {
        this.statement = statement;
        this.tenant = tenant;
        this.dialect = dialect;
        bindTenant();
    }

    /** Binds the next parameter in the dialect's encoding ({@link SqlDialect#toJdbc}). */
    TenantStatement bind(Object value) throws SQLException {
        statement.setObject(next++, dialect.toJdbc(value));
        return this;
    }

    /** Starts binding the statement's own parameters again, to execute it once more with other values. */
    void rebind() throws SQLException {
        bindTenant();
    }

    void addBatch() throws SQLException {
        statement.addBatch();
        bindTenant();
    }

    int[] executeBatch() throws SQLException {
        return statement.executeBatch();
    }

    int executeUpdate() throws SQLException {
        return statement.executeUpdate();
    }

    ResultSet executeQuery() throws SQLException {
        return statement.executeQuery();
    }

    @Override
    public void close() throws SQLException {
        statement.close();
    }

    private void bindTenant() throws SQLException {
        statement.setString(1, tenant.orgId());
        statement.setString(2, tenant.projectId());
        next = FIRST_FREE_PARAMETER;
    }
}
