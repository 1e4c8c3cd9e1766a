package dev.engram.platform.config;

import dev.engram.core.store.jdbc.SqlDialect;
import io.smallrye.config.WithDefault;

/**
 * {@code engram.storage.*} of the apps that hold memories (api-gateway, ingest-worker): which system of record they use.
 * A nested group of each app's {@code @ConfigMapping}, so both read the same names.
 */
public interface StorageConfig {

    /** The system of record: EMBEDDED (a database file under the data directory) or POSTGRES ({@code quarkus.datasource.*}). */
    @WithDefault("EMBEDDED")
    StorageKind kind();

    /**
     * The database of EMBEDDED: SQLITE ({@code store/engram.db}; a store directory still holding H2 files is migrated
     * to it at start, the H2 files kept in {@code store-h2-backup-<time>}) or H2 ({@code store/engram.mv.db}, as
     * before SQLite; nothing is migrated back).
     */
    @WithDefault("SQLITE")
    SqlDialect embeddedDatabase();

    /** System-of-record implementations. */
    enum StorageKind {
        /** A database file under {@code engram.data-dir} ({@link #embeddedDatabase()}): one process, nothing else to run (standalone). */
        EMBEDDED,
        /** PostgreSQL through Hibernate ORM Panache, schema migrated by Flyway: shared by every gateway and worker. */
        POSTGRES
    }
}
