package dev.engram.platform.config;

import dev.engram.core.engine.BundledEmbedding;
import dev.engram.core.index.lucene.VectorEncoding;
import dev.engram.core.index.qdrant.QdrantSettings;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code engram.index.*} and {@code engram.qdrant.*}: which vector index the engine searches. A nested group of each
 * app's {@code @ConfigMapping}.
 */
public interface IndexConfig {

    /** LUCENE: an index under the data directory, for one process. QDRANT: shared by every process of the platform. */
    @WithDefault("LUCENE")
    IndexKind kind();

    /**
     * How a new LUCENE index keeps its vectors: INT8_COMPACT (8-bit vectors of each vector's non-zero span, no float
     * copy: about a quarter of FLOAT32's bytes, an eighth with the bilingual embedder), FLOAT32, or INT8 / INT7 / INT4 /
     * BIT (scalar-quantized graph beside the float vectors, candidates rescored with them). With INT8_COMPACT, an index
     * made with floats (by a version before INT8_COMPACT, or with a float encoding) is rewritten compact at start
     * ({@link #migrateFloatIndex()}); otherwise an existing index keeps its layout (a compact one stays compact), and
     * between float encodings existing segments stay readable and merges rewrite them.
     */
    @WithDefault("INT8_COMPACT")
    VectorEncoding luceneEncoding();

    /**
     * How often the LUCENE index commits (fsync). Writes are searchable at once either way; the store is what makes an
     * add durable, and after a crash the index's uncommitted writes are restored from it at the next start.
     */
    @WithDefault("1s")
    java.time.Duration luceneCommitInterval();

    /**
     * With {@code lucene-encoding} INT8_COMPACT, whether a LUCENE index made with float vectors is rewritten compact at
     * start, before it serves (no re-embedding: vectors from the old index, memories from the store), the old files kept
     * as {@code index.float-backup-<time>} beside it. False keeps the float index as it is.
     */
    @WithDefault("true")
    boolean migrateFloatIndex();

    /**
     * A filtered search of the compact LUCENE index whose scope has at most this many memories in a vector field (one
     * user's memories) scores each of them exactly instead of searching the HNSW graph. 0: always the graph.
     */
    @WithDefault("1000")
    int exactSearchLimit();

    /**
     * The bundled embedding model that fills the index: BGE_SMALL_ZH (512 dimensions, Chinese-first) or BILINGUAL
     * (bge-small-zh for CJK text beside bge-small-en for the rest, 896 dimensions; much better on English). Unset: an
     * existing index keeps the model it was built with, a new one gets BILINGUAL. Changing the model of an existing index
     * needs a new index (reindex).
     */
    Optional<BundledEmbedding> embeddingModel();

    /** Vector index implementations. */
    enum IndexKind {
        /** Lucene HNSW + BM25 under {@code <data-dir>/index}; only one process may open it. */
        LUCENE,
        /** Qdrant over gRPC ({@code engram.qdrant.*}); required when several processes write memories. */
        QDRANT
    }

    /** How to reach Qdrant over gRPC ({@code engram.qdrant.*}). */
    interface Qdrant {
        /** Qdrant's host name. */
        @WithDefault("localhost")
        String host();

        /** Qdrant's gRPC port. */
        @WithDefault("6334")
        int port();

        /** The API key Qdrant requires, if any. */
        Optional<String> apiKey();

        /** Whether the gRPC channel uses TLS. */
        @WithDefault("false")
        boolean tls();

        /** The collection holding every tenant's memories (created at first start). */
        @WithDefault("engram_memories")
        String collection();

        /** Deadline of each Qdrant call. */
        @WithDefault("10s")
        Duration timeout();

        default QdrantSettings settings() {
            return new QdrantSettings(host(), port(), apiKey().orElse(null), tls(), collection(), timeout());
        }
    }
}
