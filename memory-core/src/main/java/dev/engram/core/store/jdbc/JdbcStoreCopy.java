package dev.engram.core.store.jdbc;

import dev.engram.core.domain.Tenant;
import dev.engram.core.error.StorageException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Comparator;

/**
 * Copies every tenant's memories, history and events from one embedded database to another, converting the values
 * from the source's dialect to the target's (the H2 to SQLite migration). The target must be at the same schema version
 * and empty. History entries keep their written order ({@code ORDER BY at, seq}). The rows go through the same
 * {@link TenantSql} as every other statement, one tenant at a time.
 */
public final class JdbcStoreCopy {

    /** Rows written per transaction on the target. */
    private static final int COMMIT_EVERY = 5_000;

    /** What was copied. */
    public record Counts(long memories, long history, long events, int tenants) {
    }

    private JdbcStoreCopy() {
    }

    public static Counts copy(JdbcDatabase from, JdbcDatabase to) {
        try (Connection source = from.reads().getConnection(); Connection target = to.writes().getConnection()) {
            source.setAutoCommit(false); // one consistent read of the source
            target.setAutoCommit(false);
            long memories = 0;
            long history = 0;
            long events = 0;
            List<Tenant> tenants = tenants(source);
            for (Tenant tenant : tenants) {
                TenantSql read = new TenantSql(tenant, from.dialect());
                TenantSql write = new TenantSql(tenant, to.dialect());
                memories += copyTable(source, target, read, write, MemoryRows.SELECT, "ORDER BY id", MemoryRows.TABLE, MemoryRows.COLUMNS,
                        (row, insert) -> MemoryRows.bind(insert, MemoryRows.read(row, tenant, from.dialect())));
                history += copyTable(source, target, read, write, HistoryRows.SELECT, HistoryRows.OLDEST_FIRST, HistoryRows.TABLE,
                        HistoryRows.COLUMNS, (row, insert) -> HistoryRows.bind(insert, HistoryRows.read(row, from.dialect())));
                events += copyTable(source, target, read, write, EventRows.SELECT, "ORDER BY created_at, id", EventRows.TABLE,
                        EventRows.COLUMNS, (row, insert) -> EventRows.bind(insert, EventRows.read(row, tenant, from.dialect())));
            }
            target.commit();
            source.commit();
            return new Counts(memories, history, events, tenants.size());
        } catch (SQLException e) {
            throw new StorageException("Cannot copy the store: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface RowCopy {
        void bind(ResultSet row, TenantStatement insert) throws SQLException;
    }

    private static long copyTable(Connection source, Connection target, TenantSql read, TenantSql write, String select, String order,
                                  String table, List<String> columns, RowCopy copy) throws SQLException {
        long rows = 0;
        try (TenantStatement query = read.where(source, select, null, order);
             ResultSet row = query.executeQuery();
             TenantStatement insert = write.insert(target, table, columns)) {
            while (row.next()) {
                copy.bind(row, insert);
                insert.addBatch();
                if (++rows % COMMIT_EVERY == 0) {
                    insert.executeBatch();
                    target.commit();
                }
            }
            insert.executeBatch();
        }
        return rows;
    }

    /** Every tenant with memories or events: the only statement of the copy that spans tenants. */
    private static List<Tenant> tenants(Connection connection) throws SQLException {
        Set<Tenant> tenants = new TreeSet<>(Comparator.comparing(Tenant::orgId).thenComparing(Tenant::projectId));
        tenants.addAll(TenantSql.allTenants(connection));
        try (var statement = connection.prepareStatement("SELECT DISTINCT " + TenantSql.TENANT_COLUMNS + " FROM " + EventRows.TABLE);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) tenants.add(new Tenant(rows.getString(1), rows.getString(2)));
        }
        return List.copyOf(tenants);
    }
}
