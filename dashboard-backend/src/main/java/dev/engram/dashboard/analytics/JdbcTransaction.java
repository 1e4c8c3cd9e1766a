package dev.engram.dashboard.analytics;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One plain JDBC transaction on the dashboard's datasource, for the analytics' native SQL (the rollups and their
 * retention run outside JTA): commit when the work returns, roll back when it throws, and report a database failure as
 * an {@link IllegalStateException} naming what failed.
 */
final class JdbcTransaction {

    /** Work on the transaction's connection. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private JdbcTransaction() {
    }

    static <T> T run(DataSource dataSource, String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
        }
    }
}
