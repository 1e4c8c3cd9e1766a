package dev.engram.core.index.lucene;

import dev.engram.core.domain.Field;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.Tenant;
import dev.engram.core.error.ConfigurationException;
import dev.engram.core.error.StorageException;
import dev.engram.core.error.TooLargeException;
import dev.engram.core.spi.IndexEntry;
import dev.engram.core.spi.IndexHit;
import dev.engram.core.spi.IndexPage;
import dev.engram.core.spi.IndexQuery;
import dev.engram.core.spi.MemoryStore;
import dev.engram.core.spi.VectorIndex;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.NRTCachingDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.BytesRef;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded {@link VectorIndex}: Lucene HNSW (cosine) for vectors, BM25 with a CJK-aware analyzer for text, and
 * point, term and doc-values fields for filters, all in one index shared by every tenant.
 *
 * <p>Tenant isolation lives in {@link #tenantFilter}: search (both sides), list, count and delete all run under the
 * query it builds, and upserts are keyed by a term combining tenant and memory id.
 *
 * <p>Every write ({@code upsert}, {@code delete}) refreshes the searcher (near-real-time, no fsync) before it returns,
 * so it is visible at once; {@link #apply} leaves that to {@link #refresh()}, which concurrent writers share. The
 * index is derived from the store, so it does not fsync per write: it commits on an interval ({@code commitInterval},
 * 1 s by default), at {@link #flush()}, after a tenant deletion and at close. Each commit records in its user data
 * {@link #SYNCED_KEY} (every write made before that instant is in the commit) and whether the index was closed
 * cleanly; after a crash, {@link #recoveryPoint()} tells the engine from when to compare the store with the index
 * (the uncommitted tail). Reads are lock-free; writes are serialized. The dimension and embedder are recorded in the
 * commit data and checked when the index is reopened.
 */
public final class LuceneVectorIndex implements VectorIndex {

    static final String DIMENSION_KEY = "engram.dimension";
    static final String EMBEDDER_KEY = "engram.embedder";
    static final String FORMAT_KEY = "engram.index-format";
    /** Index format of the float layouts ({@link VectorEncoding#FLOAT32} and the scalar-quantized ones). */
    static final String FLOAT_FORMAT = "1";
    /** Index format of {@link VectorEncoding#INT8_COMPACT}: 8-bit span vectors, no floats. */
    static final String COMPACT_FORMAT = "2";
    /** Epoch milliseconds: every write made before it is in this commit (or, while a recovery is pending, its start). */
    static final String SYNCED_KEY = "engram.synced-before";
    /** "true" only in the commit written by {@link #close()}: the index holds every write it acknowledged. */
    static final String CLEAN_KEY = "engram.clean-close";
    /** The default interval between commits of a persistent index. */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(LuceneVectorIndex.class);
    /** The encoding of {@link #open(Path, int, String)} and {@link #inMemory(int)}: see docs/benchmarks.md for its recall. */
    public static final VectorEncoding DEFAULT_ENCODING = VectorEncoding.INT8_COMPACT;
    /** Cap on distinct query terms of the keyword side, below Lucene's 1024 boolean clauses. */
    private static final int MAX_KEYWORD_TERMS = 512;
    private static final Sort NEWEST_FIRST = new Sort(
            new SortField(LuceneFields.CREATED_AT, SortField.Type.LONG, true),
            new SortField(LuceneFields.MEMORY_ID, SortField.Type.STRING));

    private final String location;
    private final int dimension;
    /** Segments up to this size (MB) written by refreshes and small merges are kept in memory until committed. */
    private static final double NRT_CACHE_MAX_SEGMENT_MB = 5.0;
    /** At most this much (MB) is kept in memory that way; beyond it segments go to disk at once. */
    private static final double NRT_CACHE_MAX_MB = 60.0;
    private final Directory directory;
    private final VectorEncoding encoding;
    /** {@link LuceneIndexOptions#exactSearchLimit()}. */
    private final int exactSearchLimit;
    private final Analyzer analyzer;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Object writeLock = new Object();
    private final Object commitLock = new Object();
    private final Object refreshLock = new Object();
    /** Writes applied to the writer so far, counted after each returned; {@link #visible}: how many the searcher shows. */
    private final AtomicLong written = new AtomicLong();
    private volatile long visible;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<String, String> identity;
    /** Set while the store's changes from this instant on may be missing (an unclean previous close); null otherwise. */
    private volatile Instant pendingRecovery;
    private final ScheduledExecutorService committer;

    private LuceneVectorIndex(String location, Directory directory, int dimension, String embedderName, VectorEncoding encoding,
                              Duration commitInterval, int exactSearchLimit) throws IOException {
        this.location = location;
        this.exactSearchLimit = exactSearchLimit;
        this.directory = directory;
        this.dimension = dimension;
        this.analyzer = new MemoryTextAnalyzer();
        boolean exists = DirectoryReader.indexExists(directory);
        if (exists) {
            Map<String, String> previous = SegmentInfos.readLatestCommit(directory).getUserData();
            checkCompatible(previous, location, dimension, embedderName);
            encoding = encodingOf(previous.get(FORMAT_KEY), encoding, location);
            this.pendingRecovery = recoveryPoint(previous);
        }
        this.encoding = encoding;
        this.identity = Map.of(DIMENSION_KEY, Integer.toString(dimension), EMBEDDER_KEY, embedderName,
                FORMAT_KEY, encoding.compact() ? COMPACT_FORMAT : FLOAT_FORMAT);
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setCommitOnClose(false)
                .setCodec(new HighDimensionCodec(encoding));
        this.writer = new IndexWriter(directory, config);
        try {
            commit(false); // from here on a crash is detected: the last commit says "not closed cleanly"
            this.searchers = new SearcherManager(writer, true, false, null);
        } catch (IOException | RuntimeException e) {
            writer.close();
            throw e;
        }
        if (commitInterval == null) {
            this.committer = null;
        } else {
            this.committer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("engram-index-commit").factory());
            long millis = Math.max(1, commitInterval.toMillis());
            committer.scheduleWithFixedDelay(this::periodicCommit, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The encoding an existing index is opened with: its recorded format decides the layout (float or compact), and the
     * configured encoding is used only when it has that layout. Says so when the configured one is overridden.
     */
    private static VectorEncoding encodingOf(String format, VectorEncoding configured, String location) {
        boolean compact = COMPACT_FORMAT.equals(format);
        if (compact == configured.compact()) return configured;
        VectorEncoding kept = compact ? VectorEncoding.INT8_COMPACT : VectorEncoding.FLOAT32;
        LOG.info("The vector index at {} has index format {} ({} vectors) and keeps it: encoding {} is used instead of the"
                        + " configured {}. An embedded index opened with its store is migrated to INT8_COMPACT at start"
                        + " (engram.index.migrate-float-index); otherwise reindex into a new data directory.", location, format,
                compact ? "8-bit" : "float", kept, configured);
        return kept;
    }

    /** Null after a clean close; the recorded mark after a crash; the epoch for an index that predates the mark. */
    static Instant recoveryPoint(Map<String, String> commitData) {
        if ("true".equals(commitData.get(CLEAN_KEY))) return null;
        String synced = commitData.get(SYNCED_KEY);
        if (synced == null) return Instant.EPOCH;
        try {
            return Instant.ofEpochMilli(Long.parseLong(synced));
        } catch (NumberFormatException e) {
            return Instant.EPOCH;
        }
    }

    /** The name of the embedder an existing index in {@code dir} was built with; empty when there is no index there yet. */
    public static Optional<String> recordedEmbedder(Path dir) {
        Path migrated = FloatIndexMigration.sibling(dir, FloatIndexMigration.DONE_SUFFIX);
        if (!Files.isDirectory(dir) && Files.isDirectory(migrated)) dir = migrated; // a migration's last rename is pending
        if (!Files.isDirectory(dir)) return Optional.empty();
        try (Directory directory = FSDirectory.open(dir)) {
            if (!DirectoryReader.indexExists(directory)) return Optional.empty();
            return Optional.ofNullable(SegmentInfos.readLatestCommit(directory).getUserData().get(EMBEDDER_KEY));
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read the vector index in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens (or creates) a persistent index in {@code dir}.
     *
     * @throws ConfigurationException when the index there was built for another dimension or embedder, was not built by
     *                                Engram, or is locked by another process
     */
    public static LuceneVectorIndex open(Path dir, int dimension, String embedderName) {
        return open(dir, dimension, embedderName, DEFAULT_ENCODING);
    }

    /** {@link #open(Path, int, String)} with the vectors kept in {@code encoding}. */
    public static LuceneVectorIndex open(Path dir, int dimension, String embedderName, VectorEncoding encoding) {
        return open(dir, dimension, embedderName, encoding, DEFAULT_COMMIT_INTERVAL);
    }

    /**
     * {@link #open(Path, int, String, VectorEncoding)} committing every {@code commitInterval} (writes in between are
     * visible at once and, after a crash, restored from the store: see {@link #recoveryPoint()}).
     */
    public static LuceneVectorIndex open(Path dir, int dimension, String embedderName, VectorEncoding encoding, Duration commitInterval) {
        return open(dir, dimension, embedderName, LuceneIndexOptions.defaults().withEncoding(encoding).withCommitInterval(commitInterval), null);
    }

    /**
     * Opens (or creates) a persistent index in {@code dir} with {@code options}. With a {@code store}, an index migration
     * interrupted by a crash is first completed or discarded, and, when the options ask for it, a float-layout index is
     * rewritten in the compact layout before the index serves ({@link FloatIndexMigration}: its records come from the
     * store, its vectors from the old index). Without one, an existing index keeps its layout.
     *
     * @throws ConfigurationException when the index there was built for another dimension or embedder, was not built by
     *                                Engram, or is locked by another process
     */
    public static LuceneVectorIndex open(Path dir, int dimension, String embedderName, LuceneIndexOptions options, MemoryStore store) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(options, "options");
        checkArguments(dimension, embedderName);
        if (store != null) {
            try {
                FloatIndexMigration.finishOrDiscard(dir);
                if (options.migrateFloatIndex() && options.encoding().compact()) {
                    FloatIndexMigration.migrateIfFloat(dir, dimension, embedderName, options, store);
                }
            } catch (IOException e) {
                throw FloatIndexMigration.failed(dir, e);
            }
        }
        return create(dir, dimension, embedderName, options);
    }

    /** Opens (or creates) the index in {@code dir}, as it is. */
    static LuceneVectorIndex create(Path dir, int dimension, String embedderName, LuceneIndexOptions options) {
        Directory directory = null;
        try {
            Files.createDirectories(dir);
            // Small segments flushed by near-real-time refreshes (one per add or group of adds) stay in memory until a
            // commit or a merge writes them out, instead of each costing files created, mapped and deleted; a crash loses
            // only what the interval commit had not persisted yet, which IndexRecovery restores from the store anyway.
            directory = new NRTCachingDirectory(FSDirectory.open(dir), NRT_CACHE_MAX_SEGMENT_MB, NRT_CACHE_MAX_MB);
            return new LuceneVectorIndex(dir.toAbsolutePath().toString(), directory, dimension, embedderName, options.encoding(),
                    options.commitInterval(), options.exactSearchLimit());
        } catch (LockObtainFailedException e) {
            closeQuietly(directory);
            throw new ConfigurationException("The vector index at " + dir.toAbsolutePath() + " is in use by another process."
                    + " Stop that process, or give this one its own data directory.", e);
        } catch (IOException e) {
            closeQuietly(directory);
            throw new StorageException("Could not open the vector index at " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(directory);
            throw e;
        }
    }

    /** A transient index in memory (tests, ephemeral embedded use). */
    public static LuceneVectorIndex inMemory(int dimension) {
        return inMemory(dimension, DEFAULT_ENCODING);
    }

    /** {@link #inMemory(int)} with the vectors kept in {@code encoding}. */
    public static LuceneVectorIndex inMemory(int dimension, VectorEncoding encoding) {
        return inMemory(dimension, LuceneIndexOptions.defaults().withEncoding(encoding));
    }

    /** {@link #inMemory(int)} with the options' encoding and exact search limit (nothing to commit or migrate). */
    public static LuceneVectorIndex inMemory(int dimension, LuceneIndexOptions options) {
        checkArguments(dimension, "in-memory");
        Objects.requireNonNull(options, "options");
        try {
            return new LuceneVectorIndex("memory", new ByteBuffersDirectory(), dimension, "in-memory", options.encoding(), null,
                    options.exactSearchLimit());
        } catch (IOException e) {
            throw new StorageException("Could not create an in-memory vector index", e);
        }
    }

    private static void checkArguments(int dimension, String embedderName) {
        if (dimension < 1 || dimension > HighDimensionCodec.MAX_DIMENSIONS) {
            throw new ConfigurationException("The vector dimension must be between 1 and " + HighDimensionCodec.MAX_DIMENSIONS
                    + ", but the embedder reports " + dimension);
        }
        if (embedderName == null || embedderName.isBlank()) {
            throw new ConfigurationException("The vector index needs the name of the embedder that fills it");
        }
    }

    static void checkCompatible(Map<String, String> data, String location, int dimension, String embedder) {
        String foundDimension = data.get(DIMENSION_KEY);
        String foundEmbedder = data.get(EMBEDDER_KEY);
        if (foundDimension == null || foundEmbedder == null) {
            throw new ConfigurationException("The directory " + location + " holds a Lucene index that Engram did not create"
                    + " (its commit has no " + DIMENSION_KEY + " and " + EMBEDDER_KEY + "). Point Engram at an empty or"
                    + " Engram-owned data directory.");
        }
        String format = data.get(FORMAT_KEY);
        if (!FLOAT_FORMAT.equals(format) && !COMPACT_FORMAT.equals(format)) {
            throw new ConfigurationException("The vector index at " + location + " has index format " + format
                    + ", but this version of Engram reads formats " + FLOAT_FORMAT + " and " + COMPACT_FORMAT
                    + ". Reindex into a new data directory.");
        }
        if (!foundDimension.equals(Integer.toString(dimension)) || !foundEmbedder.equals(embedder)) {
            throw new ConfigurationException("The vector index at " + location + " was built with embedder '" + foundEmbedder
                    + "' (dimension " + foundDimension + "), but Engram is configured with embedder '" + embedder
                    + "' (dimension " + dimension + "). Vectors of different embedders cannot be mixed: configure embedder '"
                    + foundEmbedder + "' again, or point Engram at a new, empty data directory and reindex into it"
                    + " from the memory store.");
        }
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** The encoding the index keeps its vectors in: the recorded layout of an existing index decides between float and compact. */
    public VectorEncoding encoding() {
        return encoding;
    }

    /** {@link LuceneIndexOptions#exactSearchLimit()}, as the index applies it. */
    int exactSearchLimit() {
        return exactSearchLimit;
    }

    /** The migration carries an unclean old index's recovery point over to its copy, so the store comparison still runs. */
    void keepRecoveryPoint(Instant point) {
        pendingRecovery = point;
    }

    // ---------------------------------------------------------------- writes

    @Override
    public void upsert(Tenant tenant, List<IndexEntry> entries) {
        apply(tenant, entries, List.of());
        refresh();
    }

    @Override
    public void apply(Tenant tenant, List<IndexEntry> entries, Collection<UUID> deletes) {
        Objects.requireNonNull(tenant, "tenant");
        if (!entries.isEmpty()) write(tenant, entries);
        if (!deletes.isEmpty()) deleteMatching(tenant, Filter.in(Field.MEMORY_ID, deletes.stream().map(UUID::toString).toList()));
    }

    private void write(Tenant tenant, List<IndexEntry> entries) {
        // Validate and build everything first: a bad entry must leave the index untouched.
        List<Term> uids = new ArrayList<>(entries.size());
        List<Document> docs = new ArrayList<>(entries.size());
        for (IndexEntry entry : entries) {
            if (!tenant.equals(entry.record().tenant())) {
                throw new IllegalArgumentException("Memory " + entry.record().id() + " belongs to tenant "
                        + entry.record().tenant().key() + ", not to " + tenant.key());
            }
            checkVector(entry.vector());
            uids.add(new Term(LuceneFields.UID, LuceneFields.uid(tenant, entry.record().id())));
            docs.add(LuceneDocuments.toDocument(entry.record(), vectorFields(entry.vector())));
        }
        synchronized (writeLock) {
            try {
                for (int i = 0; i < docs.size(); i++) writer.updateDocument(uids.get(i), docs.get(i));
                written.incrementAndGet();
            } catch (IOException e) {
                throw new StorageException("Could not write to the vector index at " + location, e);
            }
        }
    }

    private List<IndexableField> vectorFields(float[] vector) {
        return encoding.compact() ? CompactVectors.fields(vector)
                : List.of(new KnnFloatVectorField(LuceneFields.VECTOR, vector, VectorSimilarityFunction.COSINE));
    }

    @Override
    public void delete(Tenant tenant, Collection<UUID> ids) {
        if (ids.isEmpty()) return;
        List<String> values = ids.stream().map(UUID::toString).toList();
        deleteMatching(tenant, Filter.in(Field.MEMORY_ID, values));
        refresh();
    }

    /** Committed before it returns: the store forgets the tenant next, so a crash could not find the entries again. */
    @Override
    public void deleteTenant(Tenant tenant) {
        deleteMatching(tenant, Filter.ALL);
        refresh();
        flush();
    }

    private void deleteMatching(Tenant tenant, Filter filter) {
        Query query = tenantFilter(tenant, filter);
        synchronized (writeLock) {
            try {
                writer.deleteDocuments(query);
                written.incrementAndGet();
            } catch (IOException e) {
                throw new StorageException("Could not delete from the vector index at " + location, e);
            }
        }
    }

    /**
     * Near-real-time: the writes so far become visible to searches, without a commit (no fsync). Grouped: callers that
     * queue while a refresh runs return at once when the next refresh, or the one that just ran, covers their writes.
     */
    @Override
    public void refresh() {
        long target = written.get();
        if (visible >= target) return;
        try {
            synchronized (refreshLock) {
                if (visible >= target) return;
                long covered = written.get(); // every write counted before the reopen is in it
                searchers.maybeRefreshBlocking();
                visible = covered;
            }
        } catch (IOException e) {
            throw new StorageException("Could not refresh the vector index at " + location, e);
        }
    }

    /**
     * Commits with the mark: the instant is taken before the commit flushes, so every write made before it is in the
     * commit (while a recovery is pending, its start is kept instead, so a second crash still re-checks from there).
     */
    private void commit(boolean clean) throws IOException {
        synchronized (commitLock) {
            Instant recovery = pendingRecovery;
            Instant mark = recovery != null ? recovery : Instant.now();
            Map<String, String> data = new HashMap<>(identity);
            data.put(SYNCED_KEY, Long.toString(mark.toEpochMilli()));
            data.put(CLEAN_KEY, Boolean.toString(clean));
            writer.setLiveCommitData(data.entrySet());
            writer.commit();
        }
    }

    private void periodicCommit() {
        try {
            if (writer.isOpen() && writer.hasUncommittedChanges()) commit(false);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not commit the vector index at {}; its uncommitted writes are restored from the store after a crash",
                    location, e);
        }
    }

    @Override
    public Optional<Instant> recoveryPoint() {
        return Optional.ofNullable(pendingRecovery);
    }

    @Override
    public void recovered() {
        pendingRecovery = null;
        flush();
    }

    @Override
    public void flush() {
        try {
            commit(false);
        } catch (IOException e) {
            throw new StorageException("Could not commit the vector index at " + location, e);
        }
    }

    // ---------------------------------------------------------------- reads

    /**
     * The one place tenant isolation is applied: the tenant term and the translated filter, both as non-scoring clauses.
     * Every search side, listing, count and delete runs under this query.
     */
    private Query tenantFilter(Tenant tenant, Filter filter) {
        Objects.requireNonNull(tenant, "tenant");
        try {
            return new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(LuceneFields.TENANT, tenant.key())), Occur.FILTER)
                    .add(LuceneFilterTranslator.translate(filter == null ? Filter.ALL : filter), Occur.FILTER)
                    .build();
        } catch (IndexSearcher.TooManyClauses e) {
            throw tooComplex(e);
        }
    }

    /**
     * The {@code k} nearest under the filter as {doc, cosine}, most similar first. On a quantized encoding the graph gives
     * {@code oversample × k} candidates, rescored with their float vectors: the cosines are exact whatever the encoding.
     */
    private List<double[]> nearest(IndexSearcher searcher, float[] vector, int k, Query filter, CompactVectors.ScopeDocs scopes)
            throws IOException {
        if (encoding.compact()) return CompactVectors.nearest(searcher, vector, k, encoding.oversample(), filter, scopes);
        int candidates = k * encoding.oversample();
        TopDocs knn = searcher.search(new KnnFloatVectorQuery(LuceneFields.VECTOR, vector, candidates, filter), candidates);
        List<double[]> nearest = new ArrayList<>(knn.scoreDocs.length);
        for (ScoreDoc sd : knn.scoreDocs) {
            // Lucene scores COSINE as (1 + cos) / 2.
            double cosine = encoding.oversample() == 1 ? 2.0 * sd.score - 1.0 : storedCosine(searcher, sd.doc, vector);
            nearest.add(new double[]{sd.doc, cosine});
        }
        if (encoding.oversample() == 1) return nearest;
        nearest.sort((a, b) -> Double.compare(b[1], a[1])); // stable: equal cosines keep the graph's order
        return nearest.subList(0, Math.min(k, nearest.size()));
    }

    /**
     * kNN under the filter, then (hybrid, non-blank text) BM25 under the same filter, each taking its top {@code k}.
     * Hits come in kNN order followed by the keyword-only hits in BM25 order; {@code semantic} is the true cosine
     * for all of them (from the kNN score, or from the stored vector for keyword-only hits).
     */
    @Override
    public List<IndexHit> search(Tenant tenant, IndexQuery query) {
        return searchEach(tenant, List.of(query)).getFirst();
    }

    /**
     * {@link #search} for each query over one searcher; queries with the same filter share the scan of the documents
     * under it (a small scope's exhaustive search), which the add path's reconciliation runs once per fact.
     */
    @Override
    public List<List<IndexHit>> searchEach(Tenant tenant, List<IndexQuery> queries) {
        List<Query> filters = new ArrayList<>(queries.size());
        for (IndexQuery query : queries) {
            checkVector(query.vector());
            filters.add(query.k() <= 0 ? null : tenantFilter(tenant, query.filter()));
        }
        return withSearcher(searcher -> {
            CompactVectors.ScopeDocs scopes = new CompactVectors.ScopeDocs(exactSearchLimit);
            List<List<IndexHit>> out = new ArrayList<>(queries.size());
            for (int i = 0; i < queries.size(); i++) {
                out.add(filters.get(i) == null ? List.of() : search(searcher, queries.get(i), filters.get(i), scopes));
            }
            return out;
        });
    }

    private List<IndexHit> search(IndexSearcher searcher, IndexQuery query, Query filter, CompactVectors.ScopeDocs scopes)
            throws IOException {
        Map<Integer, double[]> scores = new LinkedHashMap<>(); // doc -> {semantic, keyword}
        for (double[] hit : nearest(searcher, query.vector(), query.k(), filter, scopes)) {
            scores.put((int) hit[0], new double[]{hit[1], 0.0});
        }
        Query keywords = query.hybrid() ? keywordQuery(query.text()) : null;
        if (keywords != null) {
            Query bm25 = new BooleanQuery.Builder().add(keywords, Occur.MUST).add(filter, Occur.FILTER).build();
            for (ScoreDoc sd : searcher.search(bm25, query.k()).scoreDocs) {
                double[] s = scores.get(sd.doc);
                if (s != null) s[1] = sd.score;
                else scores.put(sd.doc, new double[]{keywordHitCosine(searcher, sd.doc, query.vector()), sd.score});
            }
        }
        List<IndexHit> hits = new ArrayList<>(scores.size());
        for (Map.Entry<Integer, double[]> e : scores.entrySet()) {
            hits.add(new IndexHit(memoryId(searcher, e.getKey()), e.getValue()[0], e.getValue()[1]));
        }
        return hits;
    }

    @Override
    public IndexPage list(Tenant tenant, Filter filter, int offset, int limit) {
        if (offset < 0 || limit < 0) throw new IllegalArgumentException("offset and limit must not be negative");
        Query query = tenantFilter(tenant, filter);
        return withSearcher(searcher -> {
            int total = searcher.count(query);
            if (limit == 0 || offset >= total) return new IndexPage(List.of(), total);
            int wanted = (int) Math.min(total, (long) offset + limit);
            ScoreDoc[] docs = searcher.search(query, wanted, NEWEST_FIRST, false).scoreDocs;
            List<UUID> ids = new ArrayList<>(docs.length - offset);
            for (int i = offset; i < docs.length; i++) {
                ids.add(UUID.fromString(((BytesRef) ((FieldDoc) docs[i]).fields[1]).utf8ToString()));
            }
            return new IndexPage(ids, total);
        });
    }

    @Override
    public long count(Tenant tenant, Filter filter) {
        Query query = tenantFilter(tenant, filter);
        return withSearcher(searcher -> (long) searcher.count(query));
    }

    /** The BM25 query of the text: its analyzed terms, any of which may match; null when it has none. */
    private Query keywordQuery(String text) {
        if (text == null || text.isBlank()) return null;
        Set<BytesRef> terms = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream(LuceneFields.TEXT_BM25, text)) {
            TermToBytesRefAttribute term = stream.addAttribute(TermToBytesRefAttribute.class);
            stream.reset();
            while (stream.incrementToken() && terms.size() < MAX_KEYWORD_TERMS) terms.add(BytesRef.deepCopyOf(term.getBytesRef()));
            stream.end();
        } catch (IOException e) {
            throw new IllegalStateException("Analyzing an in-memory string cannot fail", e);
        }
        if (terms.isEmpty()) return null;
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (BytesRef t : terms) b.add(new TermQuery(new Term(LuceneFields.TEXT_BM25, t)), Occur.SHOULD);
        return b.build();
    }

    private static UUID memoryId(IndexSearcher searcher, int doc) throws IOException {
        LeafReaderContext leaf = leaf(searcher, doc);
        SortedDocValues ids = leaf.reader().getSortedDocValues(LuceneFields.MEMORY_ID);
        if (ids == null || !ids.advanceExact(doc - leaf.docBase)) throw new IllegalStateException("document without memory id");
        return UUID.fromString(ids.lookupOrd(ids.ordValue()).utf8ToString());
    }

    /** The cosine against the stored vector, for hits found by the keyword side only. */
    private double keywordHitCosine(IndexSearcher searcher, int doc, float[] query) throws IOException {
        return encoding.compact() ? CompactVectors.storedCosine(searcher, doc, query) : storedCosine(searcher, doc, query);
    }

    /** The true cosine against the stored float vector. */
    private static double storedCosine(IndexSearcher searcher, int doc, float[] query) throws IOException {
        LeafReaderContext leaf = leaf(searcher, doc);
        FloatVectorValues vectors = leaf.reader().getFloatVectorValues(LuceneFields.VECTOR);
        if (vectors == null) throw new IllegalStateException("segment without vectors");
        KnnVectorValues.DocIndexIterator it = vectors.iterator();
        if (it.advance(doc - leaf.docBase) != doc - leaf.docBase) throw new IllegalStateException("document without vector");
        return cosine(query, vectors.vectorValue(it.index()));
    }

    private static LeafReaderContext leaf(IndexSearcher searcher, int doc) {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        return leaves.get(ReaderUtil.subIndex(doc, leaves));
    }

    static double cosine(float[] a, float[] b) {
        return dev.engram.core.spi.Vectors.cosine(a, b);
    }

    /** Dimension, finite values and a non-zero norm (cosine is undefined for the zero vector), checked before any write. */
    private void checkVector(float[] vector) {
        if (vector == null || vector.length != dimension) {
            throw new IllegalArgumentException("Expected a vector of dimension " + dimension + ", got "
                    + (vector == null ? "none" : Integer.toString(vector.length)));
        }
        boolean zero = true;
        for (float f : vector) {
            if (!Float.isFinite(f)) throw new IllegalArgumentException("Vector values must be finite, got " + f);
            if (f != 0) zero = false;
        }
        if (zero) throw new IllegalArgumentException("The zero vector has no cosine similarity");
    }

    private interface SearcherFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherFunction<T> fn) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return fn.apply(searcher);
            } catch (IndexSearcher.TooManyClauses e) {
                throw tooComplex(e);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new StorageException("Could not read the vector index at " + location, e);
        }
    }

    /** A filter the index cannot run: the client's to simplify, never a server error. */
    private static TooLargeException tooComplex(IndexSearcher.TooManyClauses e) {
        return new TooLargeException("The filters are too complex for the index (" + e.getMessage() + "): use fewer conditions or values");
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        if (committer != null) {
            committer.shutdown();
            try {
                if (!committer.awaitTermination(30, TimeUnit.SECONDS)) LOG.warn("The index commit thread of {} did not stop", location);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (writeLock) {
            try (directory; analyzer; writer; searchers) {
                // closed in reverse order: searchers, writer, analyzer, directory; the writer after the clean commit
                if (writer.isOpen()) commit(pendingRecovery == null);
            } catch (IOException e) {
                throw new StorageException("Could not close the vector index at " + location, e);
            }
        }
    }

    private static void closeQuietly(Directory directory) {
        if (directory == null) return;
        try {
            directory.close();
        } catch (IOException ignored) {
            // already failing with the original error
        }
    }
}
