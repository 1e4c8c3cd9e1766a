package dev.engram.worker.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Empties the PostgreSQL store's tables between contract tests, which expect a fresh store each time. */
final class StoreTables {

    private StoreTables() {
    }

    static void truncate(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE history, memories, events");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot empty the store's tables", e);
        }
    }
}
