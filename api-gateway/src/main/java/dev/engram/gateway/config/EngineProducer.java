package dev.engram.gateway.config;

import dev.engram.core.Memory;
import dev.engram.core.MemoryBuilder;
import dev.engram.core.engine.MemoryEngine;
import dev.engram.core.ingest.EventStore;
import dev.engram.core.llm.ChatModels;
import dev.engram.core.llm.LlmSettings;
import dev.engram.core.platform.EmbeddedDatabase;
import dev.engram.core.platform.IndexConfig.IndexKind;
import dev.engram.core.platform.PlatformStores;
import dev.engram.core.store.postgres.PostgresStores;
import dev.engram.core.spi.MemoryStore;
import dev.engram.core.tenant.ApiKeyStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Builds the platform's storage and engine from {@link EngramConfig}: the one place where {@code engram.storage.kind}
 * and {@code engram.index.kind} select implementations. EMBEDDED opens one H2 database under the data directory;
 * POSTGRES uses the Panache stores on {@code quarkus.datasource} (see {@link PlatformStores}). The index is Lucene under
 * the data directory or the shared Qdrant collection.
 */
@Singleton
public class EngineProducer {

    private static final Logger LOG = Logger.getLogger(EngineProducer.class);
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
            case EMBEDDED -> PlatformStores.embedded(EmbeddedDatabase.open(config.dataDir().resolve("store"), POOL_SIZE));
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
        MemoryBuilder builder = Memory.builder().dataDir(config.dataDir()).store(store).meterRegistry(registry);
        if (config.index().kind() == IndexKind.QDRANT) builder.qdrant(config.qdrant().settings());
        config.llm().model().ifPresent(model -> {
            LlmSettings settings = LlmSettings.openAi(config.llm().baseUrl().orElse(null), config.llm().apiKey().orElse(null), model);
            LOG.infof("LLM extraction and reconciliation: %s", settings);
            builder.chatModel(ChatModels.create(settings));
        });
        Memory memory = builder.build();
        LOG.infof("Memory engine open: store %s, index %s, data directory %s", config.storage().kind(), config.index().kind(), config.dataDir());
        return memory;
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
