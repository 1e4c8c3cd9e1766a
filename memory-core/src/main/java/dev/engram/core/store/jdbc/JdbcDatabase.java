package dev.engram.core.store.jdbc;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Where the JDBC stores run their statements: {@code reads} for queries outside a transaction, {@code writes} for
 * every change. On H2 both are the same pool; on SQLite {@code writes} is the one writer connection and {@code reads} a
 * small pool of readers ({@link SqliteDatabase}), so writers queue in the JVM instead of in SQLite's busy handler.
 */
public record JdbcDatabase(SqlDialect dialect, DataSource reads, DataSource writes) {

    public JdbcDatabase {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(reads, "reads");
        Objects.requireNonNull(writes, "writes");
    }

    /** An H2 database: reads and writes share {@code dataSource}. */
    public static JdbcDatabase h2(DataSource dataSource) {
        return new JdbcDatabase(SqlDialect.H2, dataSource, dataSource);
    }

    /** Statements run on one connection; the JDBC stores' unit of work. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction on the writer: committed when it returns, rolled back when it throws (a
     * failed rollback is added to the thrown exception as suppressed).
     */
    public <T> T inTransaction(SqlWork<T> work) throws SQLException {
        try (Connection connection = writes.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }
}
