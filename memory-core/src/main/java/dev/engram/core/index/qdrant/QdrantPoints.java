package dev.engram.core.index.qdrant;

import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.Tenant;
import dev.engram.core.filter.FilterEvaluator;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.Vector;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.ValueFactory.list;
import static io.qdrant.client.ValueFactory.nullValue;
import static io.qdrant.client.ValueFactory.value;
import static io.qdrant.client.VectorFactory.vector;
import static io.qdrant.client.VectorsFactory.namedVectors;

/** Maps memories to Qdrant points: tenant-derived point ids, the filterable payload, the dense and sparse vectors. */
final class QdrantPoints {

    private QdrantPoints() {
    }

    /**
     * The point id of a memory: a name-based (v3) UUID of the tenant and the memory id. Two tenants reusing a memory id
     * address two different points, so one can never overwrite the other's.
     */
    static UUID pointId(Tenant tenant, UUID memoryId) {
        return UUID.nameUUIDFromBytes(("engram|" + tenant.key() + "|" + memoryId).getBytes(StandardCharsets.UTF_8));
    }

    static PointStruct point(MemoryRecord r, float[] dense, KeywordSparseEncoder.SparseVector sparse) {
        Map<String, Vector> vectors = new LinkedHashMap<>();
        vectors.put(QdrantSchema.DENSE_VECTOR, vector(dense));
        if (!sparse.isEmpty()) vectors.put(QdrantSchema.SPARSE_VECTOR, vector(sparse.values(), sparse.indices()));
        return PointStruct.newBuilder()
                .setId(id(pointId(r.tenant(), r.id())))
                .putAllPayload(payload(r))
                .setVectors(namedVectors(vectors))
                .build();
    }

    static Map<String, Value> payload(MemoryRecord r) {
        Map<String, Value> p = new LinkedHashMap<>();
        p.put(QdrantSchema.TENANT, value(r.tenant().key()));
        p.put(QdrantSchema.MEMORY_ID, value(r.id().toString()));
        putIfPresent(p, QdrantSchema.USER_ID, r.scope().userId());
        putIfPresent(p, QdrantSchema.AGENT_ID, r.scope().agentId());
        putIfPresent(p, QdrantSchema.RUN_ID, r.scope().runId());
        putIfPresent(p, QdrantSchema.APP_ID, r.scope().appId());
        putIfPresent(p, QdrantSchema.ACTOR, r.actor());
        putIfPresent(p, QdrantSchema.SLOT, r.slot());
        putIfPresent(p, QdrantSchema.TEXT, r.text());
        p.put(QdrantSchema.STATE, value(r.state().name()));
        List<Value> categories = r.categories().stream().map(c -> value(c)).toList();
        p.put(QdrantSchema.CATEGORIES, list(categories));
        p.put(QdrantSchema.CATEGORIES_TEXT, list(categories));
        putTime(p, QdrantSchema.CREATED_AT, r.createdAt());
        putTime(p, QdrantSchema.UPDATED_AT, r.updatedAt());
        putTime(p, QdrantSchema.EVENT_TIME, r.eventTime() != null ? r.eventTime() : r.createdAt());
        if (r.expirationDate() != null) putTime(p, QdrantSchema.EXPIRATION_DATE, FilterEvaluator.startOfDay(r.expirationDate()));
        p.put(QdrantSchema.LIST_ORDER, value(r.createdAt() != null ? QdrantFilterTranslator.micros(r.createdAt()) : Long.MIN_VALUE));
        p.put(QdrantSchema.METADATA, json(r.metadata(), false));
        p.put(QdrantSchema.METADATA_LOWER, json(r.metadata(), true));
        return p;
    }

    private static void putIfPresent(Map<String, Value> p, String key, String v) {
        if (v != null) p.put(key, value(v));
    }

    private static void putTime(Map<String, Value> p, String key, Instant t) {
        if (t != null) p.put(key, value(QdrantFilterTranslator.micros(t)));
    }

    /**
     * Client metadata as Qdrant JSON; every number becomes a double (the filter compares numbers as doubles), strings
     * are lower-cased when {@code lower}.
     */
    static Value json(Object o, boolean lower) {
        return switch (o) {
            case null -> nullValue();
            case String s -> value(lower ? s.toLowerCase(Locale.ROOT) : s);
            case Boolean b -> value(b);
            case Number n -> value(n.doubleValue());
            case Map<?, ?> m -> {
                Map<String, Value> fields = new LinkedHashMap<>();
                m.forEach((k, v) -> fields.put(String.valueOf(k), json(v, lower)));
                yield value(fields);
            }
            case Iterable<?> it -> {
                List<Value> values = new ArrayList<>();
                for (Object e : it) values.add(json(e, lower));
                yield list(values);
            }
            default -> value(o.toString());
        };
    }
}
