package dev.engram.core.index.qdrant;

import com.google.common.util.concurrent.ListenableFuture;
import dev.engram.core.domain.Field;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.Op;
import dev.engram.core.domain.Tenant;
import dev.engram.core.error.ConfigurationException;
import dev.engram.core.error.StorageException;
import dev.engram.core.spi.IndexEntry;
import dev.engram.core.spi.IndexHit;
import dev.engram.core.spi.IndexPage;
import dev.engram.core.spi.IndexQuery;
import dev.engram.core.spi.VectorIndex;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.PayloadSchemaInfo;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Common;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.Direction;
import io.qdrant.client.grpc.Points.OrderBy;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.Points.VectorOutput;
import io.qdrant.client.grpc.Points;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.QueryFactory.nearest;
import static io.qdrant.client.WithPayloadSelectorFactory.include;

/**
 * {@link VectorIndex} on Qdrant, over gRPC.
 *
 * <p>One collection holds every tenant: a named dense vector ({@value QdrantSchema#DENSE_VECTOR}, cosine) and a named
 * sparse vector ({@value QdrantSchema#SPARSE_VECTOR}, IDF modifier) for the keyword side, plus a payload with every
 * filterable field of the memory (see {@link QdrantSchema}). The tenant key is a keyword payload index with
 * {@code is_tenant=true}, so Qdrant co-locates each tenant's points.
 *
 * <p><b>Tenant isolation</b> lives in {@link #scopedFilter}: every search, scroll, count and delete goes through it, and
 * it puts the tenant condition in the {@code must} of the request filter. Point ids are derived from (tenant, memory
 * id), so a write can only address the writing tenant's points.
 *
 * <p>Every call has a deadline and gRPC failures surface as {@link StorageException}.
 *
 * <p>Filters follow {@link dev.engram.core.filter.FilterEvaluator} except for substring matching, which Qdrant does
 * by words (see {@link QdrantFilterTranslator}). The IDF of the keyword side is computed by Qdrant over the whole
 * collection, not per tenant: scores depend a little on other tenants' vocabulary (never their data).
 */
public final class QdrantVectorIndex implements VectorIndex {

    private static final int UPSERT_BATCH = 256;
    private static final int SCROLL_PAGE = 256;
    /** Extra client-side wait beyond the call deadline, so the server's deadline error arrives first. */
    private static final long CLIENT_GRACE_MILLIS = 500;

    /** Listing order: newest first, ties by the memory id's string form, ascending. */
    private static final Comparator<Listed> LIST_ORDER = Comparator.comparingLong(Listed::order).reversed()
            .thenComparing(l -> l.memoryId().toString());

    private final QdrantClient client;
    private final boolean ownsClient;
    private final String collection;
    private final int dimension;
    private final Duration timeout;
    private final KeywordSparseEncoder encoder = new KeywordSparseEncoder();

    private QdrantVectorIndex(QdrantClient client, boolean ownsClient, String collection, int dimension, Duration timeout) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.collection = collection;
        this.dimension = dimension;
        this.timeout = timeout;
    }

    /** Uses a client the caller owns (and closes); calls time out after {@link QdrantSettings#DEFAULT_TIMEOUT}. */
    public static QdrantVectorIndex connect(QdrantClient client, String collection, int dimension) {
        return connect(client, collection, dimension, QdrantSettings.DEFAULT_TIMEOUT);
    }

    /**
     * Uses a client the caller owns; creates the collection and its payload indexes when missing.
     *
     * @throws ConfigurationException when the collection exists with another vector layout or dimension
     * @throws StorageException       when Qdrant cannot be reached
     */
    public static QdrantVectorIndex connect(QdrantClient client, String collection, int dimension, Duration timeout) {
        return open(client, false, collection, dimension, timeout);
    }

    /** Opens its own gRPC connection (closed by {@link #close()}); creates the collection when missing. */
    public static QdrantVectorIndex connect(QdrantSettings settings, int dimension) {
        return open(client(settings), true, settings.collection(), dimension, settings.timeout());
    }

    /** The dimension of the dense vectors of the configured collection; empty when it does not exist yet. */
    public static OptionalInt existingDimension(QdrantSettings settings) {
        QdrantClient client = client(settings);
        QdrantVectorIndex probe = new QdrantVectorIndex(client, true, settings.collection(), 1, settings.timeout());
        try {
            if (!probe.await("collection exists", client.collectionExistsAsync(settings.collection(), settings.timeout()))) {
                return OptionalInt.empty();
            }
            CollectionInfo info = probe.await("collection info", client.getCollectionInfoAsync(settings.collection(), settings.timeout()));
            VectorParams dense = info.getConfig().getParams().getVectorsConfig().getParamsMap().getMapMap().get(QdrantSchema.DENSE_VECTOR);
            return dense == null ? OptionalInt.empty() : OptionalInt.of((int) dense.getSize());
        } finally {
            probe.close();
        }
    }

    private static QdrantClient client(QdrantSettings settings) {
        QdrantGrpcClient.Builder grpc = QdrantGrpcClient.newBuilder(settings.host(), settings.port(), settings.useTls())
                .withTimeout(settings.timeout());
        if (settings.apiKey() != null) grpc.withApiKey(settings.apiKey());
        return new QdrantClient(grpc.build());
    }

    private static QdrantVectorIndex open(QdrantClient client, boolean owns, String collection, int dimension, Duration timeout) {
        if (dimension <= 0) throw new IllegalArgumentException("dimension must be positive, got " + dimension);
        if (collection == null || collection.isBlank()) throw new IllegalArgumentException("collection name is required");
        QdrantVectorIndex index = new QdrantVectorIndex(client, owns, collection, dimension, timeout);
        try {
            index.ensureCollection();
            return index;
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }

    @Override
    public int dimension() {
        return dimension;
    }

    // ---------------------------------------------------------------- collection

    private void ensureCollection() {
        if (!await("collection exists", client.collectionExistsAsync(collection, timeout))) {
            try {
                await("create collection", client.createCollectionAsync(collectionDefinition(), timeout));
            } catch (StorageException e) {
                // another instance created it in between: fine, it is checked below like any existing collection
                if (!(e.getCause() instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.ALREADY_EXISTS)) {
                    throw e;
                }
            }
        }
        CollectionInfo info = await("collection info", client.getCollectionInfoAsync(collection, timeout));
        checkLayout(info);
        Map<String, PayloadSchemaInfo> existing = info.getPayloadSchemaMap();
        QdrantSchema.payloadIndexes().forEach((key, spec) -> {
            if (!existing.containsKey(key)) {
                await("create payload index " + key, client.createPayloadIndexAsync(
                        collection, key, spec.type(), spec.params(), true, null, timeout));
            }
        });
    }

    private CreateCollection collectionDefinition() {
        return CreateCollection.newBuilder()
                .setCollectionName(collection)
                .setVectorsConfig(VectorsConfig.newBuilder().setParamsMap(VectorParamsMap.newBuilder()
                        .putMap(QdrantSchema.DENSE_VECTOR, VectorParams.newBuilder()
                                .setSize(dimension).setDistance(Distance.Cosine).build())))
                .setSparseVectorsConfig(SparseVectorConfig.newBuilder()
                        .putMap(QdrantSchema.SPARSE_VECTOR, SparseVectorParams.newBuilder().setModifier(Modifier.Idf).build()))
                .build();
    }

    private void checkLayout(CollectionInfo info) {
        VectorsConfig vectors = info.getConfig().getParams().getVectorsConfig();
        VectorParams dense = vectors.getParamsMap().getMapMap().get(QdrantSchema.DENSE_VECTOR);
        if (dense == null) {
            throw new ConfigurationException("Qdrant collection '" + collection + "' exists but has no dense vector named '"
                    + QdrantSchema.DENSE_VECTOR + "' (found " + describe(vectors) + "); it was not created by Engram. "
                    + "Configure another collection name, or drop that collection.");
        }
        if (dense.getSize() != dimension) {
            throw new ConfigurationException("Qdrant collection '" + collection + "' holds " + dense.getSize()
                    + "-dimensional vectors, but the configured embedding model produces " + dimension
                    + "-dimensional ones. Use the embedding model the collection was built with, configure a new "
                    + "collection name, or drop the collection and re-index every memory.");
        }
        if (dense.getDistance() != Distance.Cosine) {
            throw new ConfigurationException("Qdrant collection '" + collection + "' uses distance " + dense.getDistance()
                    + " but Engram needs Cosine. Configure another collection name, or drop that collection.");
        }
        SparseVectorParams sparse = info.getConfig().getParams().getSparseVectorsConfig().getMapMap().get(QdrantSchema.SPARSE_VECTOR);
        if (sparse == null || sparse.getModifier() != Modifier.Idf) {
            throw new ConfigurationException("Qdrant collection '" + collection + "' has no sparse vector '"
                    + QdrantSchema.SPARSE_VECTOR + "' with the IDF modifier, which keyword search needs. "
                    + "Configure another collection name, or drop that collection and re-index.");
        }
    }

    private static String describe(VectorsConfig vectors) {
        return switch (vectors.getConfigCase()) {
            case PARAMS -> "one unnamed vector of size " + vectors.getParams().getSize();
            case PARAMS_MAP -> "vectors " + vectors.getParamsMap().getMapMap().keySet();
            case CONFIG_NOT_SET -> "no dense vectors";
        };
    }

    // ---------------------------------------------------------------- writes

    @Override
    public void upsert(Tenant tenant, List<IndexEntry> entries) {
        List<PointStruct> points = new ArrayList<>(entries.size());
        for (IndexEntry e : entries) {
            if (!e.record().tenant().equals(tenant)) {
                throw new IllegalArgumentException("memory " + e.record().id() + " belongs to tenant " + e.record().tenant().key()
                        + ", not to " + tenant.key());
            }
            requireDimension(e.vector(), "vector of memory " + e.record().id());
            points.add(QdrantPoints.point(e.record(), e.vector(), encoder.document(e.record().text())));
        }
        for (int from = 0; from < points.size(); from += UPSERT_BATCH) {
            List<PointStruct> batch = points.subList(from, Math.min(points.size(), from + UPSERT_BATCH));
            await("upsert", client.upsertAsync(UpsertPoints.newBuilder()
                    .setCollectionName(collection).setWait(true).addAllPoints(batch).build(), timeout));
        }
    }

    @Override
    public void delete(Tenant tenant, Collection<UUID> ids) {
        if (ids.isEmpty()) return;
        deleteMatching(scopedFilter(tenant, Filter.in(Field.MEMORY_ID, ids.stream().map(UUID::toString).toList())));
    }

    @Override
    public void deleteTenant(Tenant tenant) {
        deleteMatching(scopedFilter(tenant, Filter.ALL));
    }

    private void deleteMatching(Common.Filter filter) {
        await("delete", client.deleteAsync(DeletePoints.newBuilder()
                .setCollectionName(collection).setWait(true)
                .setPoints(PointsSelector.newBuilder().setFilter(filter)).build(), timeout));
    }

    // ---------------------------------------------------------------- reads

    @Override
    public List<IndexHit> search(Tenant tenant, IndexQuery query) {
        requireDimension(query.vector(), "query vector");
        if (query.k() <= 0) return List.of();
        Common.Filter filter = scopedFilter(tenant, query.filter());

        Map<UUID, double[]> scores = new LinkedHashMap<>(); // memory id -> {semantic, keyword}
        List<ScoredPoint> dense = await("dense search", client.queryAsync(QueryPoints.newBuilder()
                .setCollectionName(collection)
                .setQuery(nearest(query.vector()))
                .setUsing(QdrantSchema.DENSE_VECTOR)
                .setFilter(filter)
                .setLimit(query.k())
                .setWithPayload(include(List.of(QdrantSchema.MEMORY_ID)))
                .setTimeout(timeoutSeconds())
                .build(), timeout));
        for (ScoredPoint p : dense) scores.put(memoryId(p.getPayloadMap()), new double[]{p.getScore(), 0});

        if (query.hybrid() && query.text() != null && !query.text().isBlank()) {
            KeywordSparseEncoder.SparseVector terms = encoder.query(query.text());
            if (!terms.isEmpty()) {
                List<ScoredPoint> sparse = await("keyword search", client.queryAsync(QueryPoints.newBuilder()
                        .setCollectionName(collection)
                        .setQuery(nearest(terms.values(), terms.indices()))
                        .setUsing(QdrantSchema.SPARSE_VECTOR)
                        .setFilter(filter)
                        .setLimit(query.k())
                        .setWithPayload(include(List.of(QdrantSchema.MEMORY_ID)))
                        .setWithVectors(Points.WithVectorsSelector.newBuilder()
                                .setInclude(Points.VectorsSelector.newBuilder().addNames(QdrantSchema.DENSE_VECTOR)))
                        .setTimeout(timeoutSeconds())
                        .build(), timeout));
                for (ScoredPoint p : sparse) {
                    double[] s = scores.computeIfAbsent(memoryId(p.getPayloadMap()),
                            id -> new double[]{cosine(query.vector(), denseVector(p)), 0});
                    s[1] = p.getScore();
                }
            }
        }
        List<IndexHit> hits = new ArrayList<>(scores.size());
        scores.forEach((id, s) -> hits.add(new IndexHit(id, s[0], s[1])));
        return hits;
    }

    @Override
    public IndexPage list(Tenant tenant, Filter filter, int offset, int limit) {
        if (offset < 0 || limit < 0) throw new IllegalArgumentException("offset and limit must not be negative");
        long total = count(tenant, filter);
        if (limit == 0 || offset >= total) return new IndexPage(List.of(), total);
        int wanted = (int) Math.min(Integer.MAX_VALUE - 1, (long) offset + limit);

        // Qdrant orders by one key only: take the first `wanted` by created_at plus one more; when that one ties with
        // the last wanted, fetch every point of that created_at too. Ties are ordered by memory id here.
        ScrollResponse newest = await("list", client.scrollAsync(ScrollPoints.newBuilder()
                .setCollectionName(collection)
                .setFilter(scopedFilter(tenant, filter))
                .setLimit(wanted + 1)
                .setOrderBy(OrderBy.newBuilder().setKey(QdrantSchema.LIST_ORDER).setDirection(Direction.Desc))
                .setWithPayload(include(List.of(QdrantSchema.MEMORY_ID, QdrantSchema.LIST_ORDER)))
                .setTimeout(timeoutSeconds())
                .build(), timeout));
        Map<UUID, Listed> listed = new LinkedHashMap<>();
        for (Points.RetrievedPoint p : newest.getResultList()) add(listed, p.getPayloadMap());
        if (newest.getResultCount() > wanted && listOrder(newest.getResult(wanted)) == listOrder(newest.getResult(wanted - 1))) {
            long boundary = listOrder(newest.getResult(wanted - 1));
            for (Map<String, Value> payload : scrollAll(scopedFilter(tenant, Filter.and(filter, createdAtIs(boundary))))) {
                add(listed, payload);
            }
        }
        List<UUID> ids = listed.values().stream().sorted(LIST_ORDER).skip(offset).limit(limit).map(Listed::memoryId).toList();
        return new IndexPage(ids, total);
    }

    @Override
    public long count(Tenant tenant, Filter filter) {
        return await("count", client.countAsync(collection, scopedFilter(tenant, filter), true, timeout));
    }

    @Override
    public void close() {
        encoder.close();
        if (ownsClient) client.close();
    }

    /**
     * The filter of every read and delete request: the tenant condition as a {@code must}, and the caller's filter
     * translated beside it. This is the one place tenant isolation is applied.
     */
    static Common.Filter scopedFilter(Tenant tenant, Filter filter) {
        Common.Filter.Builder scoped = Common.Filter.newBuilder().addMust(matchKeyword(QdrantSchema.TENANT, tenant.key()));
        if (filter != null && !(filter instanceof Filter.All)) scoped.addMust(QdrantFilterTranslator.condition(filter));
        return scoped.build();
    }

    // ---------------------------------------------------------------- helpers

    private record Listed(UUID memoryId, long order) {
    }

    private static long listOrder(Points.RetrievedPoint p) {
        return p.getPayloadMap().get(QdrantSchema.LIST_ORDER).getIntegerValue();
    }

    private static void add(Map<UUID, Listed> listed, Map<String, Value> payload) {
        UUID id = memoryId(payload);
        listed.put(id, new Listed(id, payload.get(QdrantSchema.LIST_ORDER).getIntegerValue()));
    }

    /** The points with the given listing key, as an Engram filter so it goes through {@link #scopedFilter}. */
    private static Filter createdAtIs(long listOrder) {
        if (listOrder == Long.MIN_VALUE) return Filter.not(new Filter.Compare(Field.CREATED_AT, Op.EXISTS, null));
        Instant t = Instant.ofEpochSecond(Math.floorDiv(listOrder, 1_000_000L), Math.floorMod(listOrder, 1_000_000L) * 1_000L);
        return Filter.eq(Field.CREATED_AT, t);
    }

    private List<Map<String, Value>> scrollAll(Common.Filter filter) {
        List<Map<String, Value>> payloads = new ArrayList<>();
        Common.PointId next = null;
        do {
            ScrollPoints.Builder request = ScrollPoints.newBuilder()
                    .setCollectionName(collection)
                    .setFilter(filter)
                    .setLimit(SCROLL_PAGE)
                    .setWithPayload(include(List.of(QdrantSchema.MEMORY_ID, QdrantSchema.LIST_ORDER)))
                    .setTimeout(timeoutSeconds());
            if (next != null) request.setOffset(next);
            ScrollResponse page = await("list ties", client.scrollAsync(request.build(), timeout));
            for (Points.RetrievedPoint p : page.getResultList()) payloads.add(p.getPayloadMap());
            next = page.hasNextPageOffset() ? page.getNextPageOffset() : null;
        } while (next != null);
        return payloads;
    }

    private static UUID memoryId(Map<String, Value> payload) {
        Value v = payload.get(QdrantSchema.MEMORY_ID);
        if (v == null) throw new StorageException("Qdrant point without a " + QdrantSchema.MEMORY_ID + " payload", null);
        return UUID.fromString(v.getStringValue());
    }

    private static float[] denseVector(ScoredPoint p) {
        VectorOutput v = p.getVectors().getVectors().getVectorsMap().get(QdrantSchema.DENSE_VECTOR);
        if (v == null) throw new StorageException("Qdrant returned no dense vector for a keyword hit", null);
        List<Float> data = v.hasDense() ? v.getDense().getDataList() : v.getDataList();
        float[] out = new float[data.size()];
        for (int i = 0; i < out.length; i++) out[i] = data.get(i);
        return out;
    }

    static double cosine(float[] a, float[] b) {
        return dev.engram.core.spi.Vectors.cosine(a, b);
    }

    private void requireDimension(float[] vector, String what) {
        if (vector == null || vector.length != dimension) {
            throw new IllegalArgumentException(what + " has " + (vector == null ? "no" : vector.length)
                    + " dimensions; this index holds " + dimension);
        }
    }

    private long timeoutSeconds() {
        return Math.max(1, (timeout.toMillis() + 999) / 1000);
    }

    private <T> T await(String operation, ListenableFuture<T> call) {
        try {
            return call.get(timeout.toMillis() + CLIENT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String reason = cause instanceof StatusRuntimeException s
                    ? s.getStatus().getCode() + (s.getStatus().getDescription() == null ? "" : ": " + s.getStatus().getDescription())
                    : String.valueOf(cause);
            throw new StorageException("Qdrant " + operation + " failed on collection '" + collection + "': " + reason, cause);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new StorageException("Qdrant " + operation + " on collection '" + collection + "' timed out after " + timeout, e);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for Qdrant " + operation, e);
        }
    }
}
