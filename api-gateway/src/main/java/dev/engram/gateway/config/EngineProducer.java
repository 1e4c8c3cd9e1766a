package dev.engram.gateway.config;

import dev.engram.core.Memory;
import dev.engram.core.engine.MemoryEngine;
import dev.engram.core.ingest.EventStore;
import dev.engram.core.platform.EmbeddedDatabase;
import dev.engram.core.platform.PlatformMemory;
import dev.engram.core.platform.PlatformStores;
import dev.engram.core.store.postgres.PostgresStores;
import dev.engram.core.spi.MemoryStore;
import dev.engram.core.tenant.ApiKeyStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Builds the platform's storage and engine from {@link EngramConfig}: the one place where {@code engram.storage.kind}
 * and {@code engram.index.kind} select implementations. EMBEDDED opens one SQLite (or H2) database under the data directory;
 * POSTGRES uses the Panache stores on {@code quarkus.datasource} (see {@link PlatformStores}). The index is Lucene under
 * the data directory or the shared Qdrant collection.
 */
@Singleton
public class EngineProducer {

    private static final int POOL_SIZE = 16;

    private final EngramConfig config;

    EngineProducer(EngramConfig config) {
        this.config = config;
    }

    /** The memory, event and key stores, owned here. */
    @Produces
    @Singleton
    PlatformStores stores(Instance<PostgresStores> postgres) {
        return switch (config.storage().kind()) {
            case EMBEDDED -> PlatformStores.embedded(EmbeddedDatabase.open(config.dataDir().resolve("store"), config.storage().embeddedDatabase(), POOL_SIZE));
            case POSTGRES -> postgres.get().stores();
        };
    }

    void closeStores(@Disposes PlatformStores stores) {
        stores.close();
    }

    @Produces
    @Singleton
    MemoryStore memoryStore(PlatformStores stores) {
        return stores.memories();
    }

    @Produces
    @Singleton
    EventStore eventStore(PlatformStores stores) {
        return stores.events();
    }

    @Produces
    @Singleton
    ApiKeyStore apiKeyStore(PlatformStores stores) {
        return stores.keys();
    }

    @Produces
    @Singleton
    Memory memory(MemoryStore store, MeterRegistry registry) {
        return PlatformMemory.open(store, config.dataDir(), config.index(), config.qdrant(), config.llm(), registry);
    }

    void closeMemory(@Disposes Memory memory) {
        memory.close();
    }

    @Produces
    @Singleton
    MemoryEngine engine(Memory memory) {
        return memory.engine();
    }
}
