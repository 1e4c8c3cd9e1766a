package dev.engram.core.platform;

import io.smallrye.config.WithDefault;

/**
 * {@code engram.storage.*} of the apps that hold memories (api-gateway, ingest-worker): which system of record they use.
 * A nested group of each app's {@code @ConfigMapping}, so both read the same names.
 */
public interface StorageConfig {

    /** The system of record: EMBEDDED (an H2 file under the data directory) or POSTGRES ({@code quarkus.datasource.*}). */
    @WithDefault("EMBEDDED")
    StorageKind kind();

    /** System-of-record implementations. */
    enum StorageKind {
        /** H2 file database under {@code engram.data-dir}: one process, nothing else to run (standalone). */
        EMBEDDED,
        /** PostgreSQL through Hibernate ORM Panache, schema migrated by Flyway: shared by every gateway and worker. */
        POSTGRES
    }
}
