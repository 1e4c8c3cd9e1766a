package dev.engram.platform.backend;

import dev.engram.core.Memory;
import dev.engram.core.MemoryBuilder;
import dev.engram.core.engine.BundledEmbedding;
import dev.engram.core.engine.EngineSettings;
import dev.engram.core.engine.RequestLimits;
import dev.engram.core.index.lucene.LuceneVectorIndex;
import dev.engram.core.index.qdrant.QdrantVectorIndex;
import dev.engram.core.llm.ChatModels;
import dev.engram.core.spi.MemoryStore;
import dev.engram.platform.config.IndexConfig;
import dev.engram.platform.config.IndexConfig.IndexKind;
import dev.engram.platform.config.LlmConfig;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The engine of an app that holds memories, built the same way in each: the given store, the index
 * {@code engram.index.kind} names (Lucene under the data directory, or Qdrant), and the LLM when one is configured
 * (the default one and each named profile).
 */
public final class PlatformMemory {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformMemory.class);

    private PlatformMemory() {
    }

    /** The engine with the default {@link RequestLimits} (an app that serves no reads: the ingest worker). */
    public static Memory open(MemoryStore store, Path dataDir, IndexConfig index, IndexConfig.Qdrant qdrant, LlmConfig llm,
                              MeterRegistry registry) {
        return open(store, dataDir, index, qdrant, llm, RequestLimits.defaults(), registry);
    }

    /** @param limits what one search or listing may ask for, checked by the engine ({@code engram.limits.*} of the gateway) */
    public static Memory open(MemoryStore store, Path dataDir, IndexConfig index, IndexConfig.Qdrant qdrant, LlmConfig llm,
                              RequestLimits limits, MeterRegistry registry) {
        BundledEmbedding model = index.embeddingModel().orElseGet(() -> existingModel(dataDir, index, qdrant));
        MemoryBuilder builder = Memory.builder().dataDir(dataDir).store(store).meterRegistry(registry)
                .vectorEncoding(index.luceneEncoding())
                .indexCommitInterval(index.luceneCommitInterval())
                .migrateFloatIndex(index.migrateFloatIndex())
                .exactSearchLimit(index.exactSearchLimit())
                .embedder(model.embedder())
                .settings(EngineSettings.defaults().withRetrieval(model.retrieval()).withLimits(limits));
        if (index.kind() == IndexKind.QDRANT) builder.qdrant(qdrant.settings());
        llm.settings().ifPresent(settings -> {
            LOG.info("LLM extraction and reconciliation: {}", settings);
            builder.chatModel(ChatModels.create(settings));
        });
        // One chat model per profile, built once; a project's llm_profile picks one for its adds.
        llm.profileSettings().forEach((name, settings) -> {
            LOG.info("LLM profile '{}': {}", name, settings);
            builder.chatModel(name, ChatModels.create(settings));
        });
        Memory memory = builder.build();
        LOG.info("Memory engine open: index {}, embedding model {}, data directory {}", index.kind(), model, dataDir);
        return memory;
    }

    /** The model an existing index was built with (recorded by Lucene, implied by Qdrant's dimension), else the new-index one. */
    private static BundledEmbedding existingModel(Path dataDir, IndexConfig index, IndexConfig.Qdrant qdrant) {
        if (index.kind() == IndexKind.QDRANT) {
            OptionalInt dimension = QdrantVectorIndex.existingDimension(qdrant.settings());
            if (dimension.isPresent()) return BundledEmbedding.ofDimension(dimension.getAsInt()).orElse(BundledEmbedding.FOR_NEW_INDEXES);
        } else {
            Optional<String> recorded = LuceneVectorIndex.recordedEmbedder(dataDir.resolve("index"));
            if (recorded.isPresent()) return BundledEmbedding.named(recorded.get()).orElse(BundledEmbedding.FOR_NEW_INDEXES);
        }
        return BundledEmbedding.FOR_NEW_INDEXES;
    }
}
