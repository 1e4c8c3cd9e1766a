package dev.engram.core;

import dev.engram.core.engine.Embedder;
import dev.engram.core.engine.EngineSettings;
import dev.engram.core.engine.MemoryEngine;
import dev.engram.core.engine.ModelProfiles;
import dev.engram.core.error.ConfigurationException;
import dev.engram.core.extract.Extractor;
import dev.engram.core.extract.offline.OfflineExtractor;
import dev.engram.core.index.lucene.LuceneIndexOptions;
import dev.engram.core.index.lucene.LuceneVectorIndex;
import dev.engram.core.index.lucene.VectorEncoding;
import dev.engram.core.index.qdrant.QdrantSettings;
import dev.engram.core.index.qdrant.QdrantVectorIndex;
import dev.engram.core.llm.LlmExtractor;
import dev.engram.core.llm.LlmReconciler;
import dev.engram.core.platform.EmbeddedDatabase;
import dev.engram.core.reconcile.OfflineReconciler;
import dev.engram.core.reconcile.Reconciler;
import dev.engram.core.spi.MemoryStore;
import dev.engram.core.spi.VectorIndex;
import dev.engram.core.store.jdbc.JdbcMemoryStore;
import dev.engram.core.store.memory.InMemoryMemoryStore;
import dev.langchain4j.model.chat.ChatModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Configures an embedded {@link Memory}. Every setting has a working default: the bundled ONNX embedding model, the
 * offline extractor and reconciler, a Lucene index and an H2 store under the data directory.
 */
public final class MemoryBuilder {

    private Path dataDir;
    private boolean inMemory;
    private Embedder embedder;
    private ChatModel chatModel;
    private final java.util.Map<String, ChatModel> profileModels = new java.util.LinkedHashMap<>();
    private Extractor extractor;
    private Reconciler reconciler;
    private VectorIndex index;
    private QdrantSettings qdrant;
    private VectorEncoding vectorEncoding = LuceneVectorIndex.DEFAULT_ENCODING;
    private java.time.Duration indexCommitInterval = LuceneVectorIndex.DEFAULT_COMMIT_INTERVAL;
    private int exactSearchLimit = LuceneIndexOptions.DEFAULT_EXACT_SEARCH_LIMIT;
    private boolean migrateFloatIndex = true;
    private MemoryStore store;
    private EngineSettings settings = EngineSettings.defaults();
    private Clock clock = Clock.systemUTC();
    private ZoneId zone = ZoneOffset.UTC;
    private MeterRegistry registry = Metrics.globalRegistry;

    MemoryBuilder() {
    }

    /** Keep memories under this directory ({@code index/} and {@code store/} inside). */
    public MemoryBuilder dataDir(Path dir) {
        this.dataDir = dir;
        this.inMemory = false;
        return this;
    }

    /** Keep nothing on disk. */
    public MemoryBuilder inMemory() {
        this.inMemory = true;
        return this;
    }

    public MemoryBuilder embedder(Embedder e) {
        this.embedder = e;
        return this;
    }

    /** Use an LLM (any LangChain4j chat model) for extraction and reconciliation; the offline path stays as fallback. */
    public MemoryBuilder chatModel(ChatModel model) {
        this.chatModel = model;
        return this;
    }

    /**
     * Add a named LLM profile: adds whose {@code llmProfile} is {@code name} are extracted and reconciled by this model
     * (the offline path stays as fallback); other adds use the default ({@link #chatModel(ChatModel)}, or offline).
     */
    public MemoryBuilder chatModel(String name, ChatModel model) {
        if (name == null || name.isBlank()) throw new ConfigurationException("An LLM profile needs a name");
        profileModels.put(name.strip(), java.util.Objects.requireNonNull(model, "model"));
        return this;
    }

    public MemoryBuilder extractor(Extractor e) {
        this.extractor = e;
        return this;
    }

    public MemoryBuilder reconciler(Reconciler r) {
        this.reconciler = r;
        return this;
    }

    /** Use this index instead of the embedded Lucene one (e.g. Qdrant); the Memory closes it. */
    public MemoryBuilder vectorIndex(VectorIndex i) {
        this.index = i;
        return this;
    }

    /**
     * How often the embedded Lucene index commits (fsync); writes are visible at once either way, and after a crash the
     * uncommitted ones are restored from the store at the next start.
     */
    public MemoryBuilder indexCommitInterval(java.time.Duration interval) {
        this.indexCommitInterval = java.util.Objects.requireNonNull(interval, "interval");
        return this;
    }

    /**
     * How a new embedded Lucene index keeps its vectors (8-bit compact by default, float, or scalar-quantized with
     * rescoring); an existing index keeps its layout.
     */
    public MemoryBuilder vectorEncoding(VectorEncoding encoding) {
        this.vectorEncoding = java.util.Objects.requireNonNull(encoding, "encoding");
        return this;
    }

    /**
     * A filtered search of the compact Lucene index whose scope has at most this many vectors (one user's memories)
     * scores them all exactly instead of searching the graph; 1000 by default.
     */
    public MemoryBuilder exactSearchLimit(int limit) {
        this.exactSearchLimit = limit;
        return this;
    }

    /**
     * Whether an existing float-layout Lucene index is rewritten in the compact layout at start when the encoding is
     * INT8_COMPACT (the old files kept as {@code index.float-backup-<time>}); true by default, false keeps it float.
     */
    public MemoryBuilder migrateFloatIndex(boolean migrate) {
        this.migrateFloatIndex = migrate;
        return this;
    }

    /**
     * Search a Qdrant collection (created at first use for the embedder's dimension) instead of the embedded Lucene
     * index: the index the platform's processes share. The Memory closes the connection.
     */
    public MemoryBuilder qdrant(QdrantSettings settings) {
        this.qdrant = settings;
        return this;
    }

    /** Use this store instead of the embedded one; the Memory closes it. */
    public MemoryBuilder store(MemoryStore s) {
        this.store = s;
        return this;
    }

    public MemoryBuilder settings(EngineSettings s) {
        this.settings = s;
        return this;
    }

    /** The clock for created/updated times and "today" (tests pin it). */
    public MemoryBuilder clock(Clock c) {
        this.clock = c;
        return this;
    }

    /** The zone relative dates ("yesterday") are resolved in; UTC by default. */
    public MemoryBuilder zone(ZoneId z) {
        this.zone = z;
        return this;
    }

    public MemoryBuilder meterRegistry(MeterRegistry r) {
        this.registry = r;
        return this;
    }

    public Memory build() {
        Embedder emb = embedder != null ? embedder : Embedder.defaultEmbedder();
        Path dir = inMemory ? null : (dataDir != null ? dataDir : defaultDataDir());
        MemoryStore s = store;
        VectorIndex i = index;
        try {
            if (s == null) s = inMemory ? new InMemoryMemoryStore() : openStore(dir.resolve("store"));
            if (i == null && qdrant != null) i = QdrantVectorIndex.connect(qdrant, emb.dimension());
            if (i == null) {
                LuceneIndexOptions options = new LuceneIndexOptions(vectorEncoding, indexCommitInterval, exactSearchLimit, migrateFloatIndex);
                i = inMemory ? LuceneVectorIndex.inMemory(emb.dimension(), options)
                        : LuceneVectorIndex.open(dir.resolve("index"), emb.dimension(), emb.name(), options, s);
            }
            Extractor offline = new OfflineExtractor();
            Reconciler offlineReconciler = new OfflineReconciler(settings.reconcileThresholds());
            Extractor ex = extractor != null ? extractor : chatModel != null ? new LlmExtractor(chatModel, offline) : offline;
            Reconciler rec = reconciler != null ? reconciler : chatModel != null ? new LlmReconciler(chatModel, offlineReconciler) : offlineReconciler;
            ModelProfiles profiles = ModelProfiles.of(ex, rec);
            for (var p : profileModels.entrySet()) {
                profiles = profiles.with(p.getKey(), new LlmExtractor(p.getValue(), offline), new LlmReconciler(p.getValue(), offlineReconciler));
            }
            return new Memory(new MemoryEngine(emb, i, s, profiles, settings, clock, zone, registry));
        } catch (RuntimeException e) {
            closeQuietly(i);
            closeQuietly(s);
            throw e;
        }
    }

    /** The SQLite store in {@code directory}, migrated from H2 first when the directory was written by an older version. */
    private static MemoryStore openStore(Path directory) {
        EmbeddedDatabase.migrateFromH2(directory);
        return JdbcMemoryStore.openSqlite(directory);
    }

    /** {@code $ENGRAM_DATA_DIR}, else the {@code engram.data.dir} system property, else {@code ~/.engram/data}. */
    static Path defaultDataDir() {
        String env = System.getenv("ENGRAM_DATA_DIR");
        if (env != null && !env.isBlank()) return Path.of(env);
        String prop = System.getProperty("engram.data.dir");
        if (prop != null && !prop.isBlank()) return Path.of(prop);
        String home = System.getProperty("user.home");
        if (home == null) throw new ConfigurationException("No data directory: set ENGRAM_DATA_DIR");
        return Path.of(home, ".engram", "data");
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (Exception ignored) {
            // already failing; the original exception is the one to report
        }
    }
}
