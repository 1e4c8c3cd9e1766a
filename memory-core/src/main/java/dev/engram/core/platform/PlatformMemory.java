package dev.engram.core.platform;

import dev.engram.core.Memory;
import dev.engram.core.MemoryBuilder;
import dev.engram.core.engine.EngineSettings;
import dev.engram.core.llm.ChatModels;
import dev.engram.core.platform.IndexConfig.IndexKind;
import dev.engram.core.spi.MemoryStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * The engine of an app that holds memories, built the same way in each: the given store, the index
 * {@code engram.index.kind} names (Lucene under the data directory, or Qdrant), and the LLM when one is configured.
 */
public final class PlatformMemory {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformMemory.class);

    private PlatformMemory() {
    }

    public static Memory open(MemoryStore store, Path dataDir, IndexConfig index, IndexConfig.Qdrant qdrant, LlmConfig llm,
                              MeterRegistry registry) {
        MemoryBuilder builder = Memory.builder().dataDir(dataDir).store(store).meterRegistry(registry)
                .vectorEncoding(index.luceneEncoding())
                .embedder(index.embeddingModel().embedder())
                .settings(EngineSettings.defaults().withRetrieval(index.embeddingModel().retrieval()));
        if (index.kind() == IndexKind.QDRANT) builder.qdrant(qdrant.settings());
        llm.settings().ifPresent(settings -> {
            LOG.info("LLM extraction and reconciliation: {}", settings);
            builder.chatModel(ChatModels.create(settings));
        });
        Memory memory = builder.build();
        LOG.info("Memory engine open: index {}, embedding model {}, data directory {}", index.kind(), index.embeddingModel(), dataDir);
        return memory;
    }
}
