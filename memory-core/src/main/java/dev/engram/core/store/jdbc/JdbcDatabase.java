package dev.engram.core.store.jdbc;

import javax.sql.DataSource;
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
}
