package dev.engram.platform.backend;

import dev.engram.core.platform.EmbeddedDatabase;
import dev.engram.core.platform.PlatformStores;
import dev.engram.platform.config.StorageConfig;
import dev.engram.platform.store.postgres.PostgresStores;
import jakarta.enterprise.inject.Instance;

import java.nio.file.Path;

/**
 * The one place {@code engram.storage.kind} selects the stores of an app that holds memories (api-gateway,
 * ingest-worker): EMBEDDED opens one SQLite (or H2) database under {@code <data-dir>/store}; POSTGRES uses the Panache
 * stores on {@code quarkus.datasource}, looked up only then so an EMBEDDED app never touches the inactive datasource.
 * The index is chosen by {@link PlatformMemory}.
 */
public final class SystemOfRecord {

    private SystemOfRecord() {
    }

    /**
     * Opens the configured stores; the caller owns them and closes them last.
     *
     * @param poolSize connections of the embedded store (on SQLite: one writer, the rest readers)
     */
    public static PlatformStores open(StorageConfig storage, Path dataDir, int poolSize, Instance<PostgresStores> postgres) {
        return switch (storage.kind()) {
            case EMBEDDED -> PlatformStores.embedded(EmbeddedDatabase.open(dataDir.resolve("store"), storage.embeddedDatabase(), poolSize));
            case POSTGRES -> postgres.get().stores();
        };
    }
}
