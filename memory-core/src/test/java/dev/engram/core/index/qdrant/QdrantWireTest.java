package dev.engram.core.index.qdrant;

import com.google.protobuf.Message;
import dev.engram.core.domain.Field;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Op;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.Tenant;
import dev.engram.core.error.ConfigurationException;
import dev.engram.core.error.StorageException;
import dev.engram.core.spi.IndexEntry;
import dev.engram.core.spi.IndexQuery;
import dev.engram.testing.qdrant.QdrantEmulator;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@link QdrantVectorIndex} sends over the wire, checked on the requests the Qdrant emulator (in-process transport) received. */
class QdrantWireTest {

    private static final String COLLECTION = "engram_wire";
    private static final int DIMENSION = 4;
    private static final Tenant A = Tenant.of("org-a", "proj");
    private static final Tenant B = Tenant.of("org-b", "proj");
    private static final Instant T0 = Instant.parse("2025-05-01T08:00:00Z");

    private QdrantEmulator server;
    private QdrantClient client;

    @BeforeEach
    void start() {
        server = QdrantEmulator.start();
        client = server.newClient();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void createsTheCollectionWithCosineDenseAndIdfSparseVectors() {
        try (var index = QdrantVectorIndex.connect(client, COLLECTION, DIMENSION)) {
            assertThat(index.dimension()).isEqualTo(DIMENSION);
        }
        CreateCollection create = single(CreateCollection.class);
        assertThat(create.getCollectionName()).isEqualTo(COLLECTION);
        VectorParams dense = create.getVectorsConfig().getParamsMap().getMapMap().get(QdrantSchema.DENSE_VECTOR);
        assertThat(dense.getSize()).isEqualTo(DIMENSION);
        assertThat(dense.getDistance()).isEqualTo(Distance.Cosine);
        assertThat(create.getSparseVectorsConfig().getMapMap().get(QdrantSchema.SPARSE_VECTOR).getModifier()).isEqualTo(Modifier.Idf);
    }

    @Test
    void createsPayloadIndexesWithTheTenantKeyAsTenantIndex() {
        QdrantVectorIndex.connect(client, COLLECTION, DIMENSION).close();

        Map<String, CreateFieldIndexCollection> byField = server.requests(CreateFieldIndexCollection.class).stream()
                .collect(Collectors.toMap(CreateFieldIndexCollection::getFieldName, r -> r));
        assertThat(byField.keySet()).contains("tenant", "user_id", "agent_id", "run_id", "app_id", "actor", "state",
                "categories", "memory_id", "created_at", "updated_at", "event_time", "expiration_date", "text");
        CreateFieldIndexCollection tenant = byField.get("tenant");
        assertThat(tenant.getFieldType()).isEqualTo(Points.FieldType.FieldTypeKeyword);
        assertThat(tenant.getFieldIndexParams().getKeywordIndexParams().getIsTenant()).isTrue();
        assertThat(byField.get("user_id").getFieldIndexParams().getKeywordIndexParams().getIsTenant()).isFalse();
        for (String time : List.of("created_at", "updated_at", "event_time", "expiration_date", QdrantSchema.LIST_ORDER)) {
            assertThat(byField.get(time).getFieldType()).as(time).isEqualTo(Points.FieldType.FieldTypeInteger);
            assertThat(byField.get(time).getFieldIndexParams().getIntegerIndexParams().getRange()).as(time).isTrue();
        }
        assertThat(byField.get("text").getFieldType()).isEqualTo(Points.FieldType.FieldTypeText);
        assertThat(byField.values()).allSatisfy(r -> assertThat(r.getWait()).isTrue());
    }

    @Test
    void reconnectingToAnExistingCollectionCreatesNothing() {
        QdrantVectorIndex.connect(client, COLLECTION, DIMENSION).close();
        server.clearRequests();

        QdrantVectorIndex.connect(client, COLLECTION, DIMENSION).close();

        assertThat(server.requests(CreateCollection.class)).isEmpty();
        assertThat(server.requests(CreateFieldIndexCollection.class)).isEmpty();
        assertThat(server.requests(Collections.GetCollectionInfoRequest.class)).hasSize(1);
    }

    @Test
    void everySearchScrollCountAndDeleteCarriesTheTenantCondition() {
        try (var index = QdrantVectorIndex.connect(client, COLLECTION, DIMENSION)) {
            index.upsert(A, List.of(entry(A, UUID.randomUUID(), "amber birch", T0), entry(A, UUID.randomUUID(), "amber cobalt", T0),
                    entry(A, UUID.randomUUID(), "dune ember", T0.plusSeconds(1))));
            index.upsert(B, List.of(entry(B, UUID.randomUUID(), "amber birch", T0)));
            server.clearRequests();

            index.search(A, new IndexQuery(new float[]{1, 0, 0, 0}, "amber", Filter.eq(Field.USER_ID, "u1"), 5, true));
            index.search(A, new IndexQuery(new float[]{1, 0, 0, 0}, null, Filter.ALL, 5, false));
            index.list(A, Filter.ALL, 0, 2);          // the two at T0 tie across the page end: a second scroll fetches them
            index.list(A, new Filter.Compare(Field.STATE, Op.NE, "DELETED"), 1, 1);
            index.count(A, Filter.ALL);
            index.count(A, Filter.or(Filter.eq(Field.USER_ID, "u1"), Filter.eq(Field.USER_ID, "u2")));
            index.delete(A, List.of(UUID.randomUUID()));
            index.deleteTenant(A);
        }

        List<Common.Filter> filters = new ArrayList<>();
        server.requests(Points.QueryPoints.class).forEach(r -> filters.add(r.getFilter()));
        server.requests(Points.ScrollPoints.class).forEach(r -> filters.add(r.getFilter()));
        server.requests(Points.CountPoints.class).forEach(r -> filters.add(r.getFilter()));
        server.requests(Points.DeletePoints.class).forEach(r -> filters.add(r.getPoints().getFilter()));
        assertThat(server.requests(Points.QueryPoints.class)).hasSize(3);
        assertThat(server.requests(Points.ScrollPoints.class)).hasSizeGreaterThanOrEqualTo(3);
        assertThat(server.requests(Points.CountPoints.class)).hasSizeGreaterThanOrEqualTo(4);
        assertThat(server.requests(Points.DeletePoints.class)).hasSize(2);
        assertThat(filters).allSatisfy(f -> assertThat(f.getMust(0)).isEqualTo(tenantCondition(A)));
        // reads and deletes are never by point id: ids are only ever addressed through the tenant-scoped filter
        assertThat(server.requests(Points.DeletePoints.class)).allSatisfy(d -> assertThat(d.getPoints().hasFilter()).isTrue());
        assertThat(server.requests(Points.GetPoints.class)).isEmpty();
        assertThat(server.pointIds(COLLECTION)).as("only B's point is left").hasSize(1);
    }

    @Test
    void pointIdsAreDerivedFromTenantAndMemoryId() {
        UUID memoryId = UUID.randomUUID();
        try (var index = QdrantVectorIndex.connect(client, COLLECTION, DIMENSION)) {
            index.upsert(A, List.of(entry(A, memoryId, "amber", T0)));
            index.upsert(B, List.of(entry(B, memoryId, "birch", T0)));
            assertThat(index.count(A, Filter.ALL)).isEqualTo(1);
            assertThat(index.count(B, Filter.ALL)).isEqualTo(1);
        }

        UUID pointA = QdrantPoints.pointId(A, memoryId);
        UUID pointB = QdrantPoints.pointId(B, memoryId);
        assertThat(pointA).isNotEqualTo(pointB).isNotEqualTo(memoryId);
        assertThat(server.pointIds(COLLECTION)).containsExactlyInAnyOrder(pointA.toString(), pointB.toString());
        Map<String, Value> payloadA = server.payload(COLLECTION, pointA);
        assertThat(payloadA.get("memory_id").getStringValue()).isEqualTo(memoryId.toString());
        assertThat(payloadA.get("tenant").getStringValue()).isEqualTo(A.key());
        assertThat(payloadA.get("text").getStringValue()).isEqualTo("amber");
        List<Points.PointStruct> written = server.requests(Points.UpsertPoints.class).stream()
                .flatMap(u -> u.getPointsList().stream()).toList();
        assertThat(written).extracting(p -> p.getId().getUuid()).containsExactly(pointA.toString(), pointB.toString());
        assertThat(server.requests(Points.UpsertPoints.class)).allSatisfy(u -> assertThat(u.getWait()).isTrue());
    }

    @Test
    void storesEffectiveEventTimeAndMicrosecondTimes() {
        UUID id = UUID.randomUUID();
        Instant created = Instant.parse("2025-05-01T08:00:00.123456Z");
        try (var index = QdrantVectorIndex.connect(client, COLLECTION, DIMENSION)) {
            index.upsert(A, List.of(entry(A, id, "amber", created)));
            assertThat(index.count(A, Filter.eq(Field.EVENT_TIME, created))).isEqualTo(1);
            // bounds between two microseconds are rounded so integer comparison stays exact
            assertThat(index.count(A, new Filter.Compare(Field.CREATED_AT, Op.GT, created.minusNanos(1)))).isEqualTo(1);
            assertThat(index.count(A, new Filter.Compare(Field.CREATED_AT, Op.GTE, created.plusNanos(1)))).isZero();
            assertThat(index.count(A, new Filter.Compare(Field.CREATED_AT, Op.LT, created.plusNanos(1)))).isEqualTo(1);
            assertThat(index.count(A, new Filter.Compare(Field.CREATED_AT, Op.LTE, created.minusNanos(1)))).isZero();
            assertThat(index.count(A, Filter.eq(Field.CREATED_AT, created.plusNanos(1)))).isZero();
        }
        Map<String, Value> payload = server.payload(COLLECTION, QdrantPoints.pointId(A, id));
        long micros = created.getEpochSecond() * 1_000_000L + 123_456L;
        assertThat(payload.get("created_at").getIntegerValue()).isEqualTo(micros);
        assertThat(payload.get("event_time").getIntegerValue()).isEqualTo(micros);
        assertThat(payload).doesNotContainKey("expiration_date");
    }

    @Test
    void rejectsACollectionOfAnotherDimensionWithAnActionableMessage() {
        QdrantVectorIndex.connect(client, COLLECTION, DIMENSION).close();

        assertThatThrownBy(() -> QdrantVectorIndex.connect(client, COLLECTION, 768))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(COLLECTION)
                .hasMessageContaining(DIMENSION + "-dimensional vectors")
                .hasMessageContaining("768")
                .hasMessageContaining("re-index");
    }

    @Test
    void rejectsACollectionNotCreatedByEngram() throws Exception {
        client.createCollectionAsync("foreign", VectorParams.newBuilder().setSize(DIMENSION).setDistance(Distance.Cosine).build())
                .get();

        assertThatThrownBy(() -> QdrantVectorIndex.connect(client, "foreign", DIMENSION))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no dense vector named 'dense'")
                .hasMessageContaining("one unnamed vector of size " + DIMENSION);
    }

    @Test
    void rejectsWritesOfAnotherTenantOrDimensionBeforeSendingAnything() {
        try (var index = QdrantVectorIndex.connect(client, COLLECTION, DIMENSION)) {
            server.clearRequests();
            assertThatThrownBy(() -> index.upsert(A, List.of(entry(B, UUID.randomUUID(), "amber", T0))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(B.key());
            IndexEntry wrongSize = new IndexEntry(entry(A, UUID.randomUUID(), "amber", T0).record(), new float[]{1, 2});
            assertThatThrownBy(() -> index.upsert(A, List.of(wrongSize)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 dimensions");
        }
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void everyCallHasADeadline() {
        try (var index = QdrantVectorIndex.connect(client, COLLECTION, DIMENSION, Duration.ofSeconds(3))) {
            index.upsert(A, List.of(entry(A, UUID.randomUUID(), "amber", T0)));
            index.search(A, new IndexQuery(new float[]{1, 0, 0, 0}, "amber", Filter.ALL, 3, true));
            index.list(A, Filter.ALL, 0, 10);
            index.delete(A, List.of(UUID.randomUUID()));
        }
        assertThat(server.requests()).hasSizeGreaterThan(5);
        // the client's own version check when it is built is not the adapter's call
        assertThat(server.requestsWithoutDeadline()).extracting(m -> m.getClass().getSimpleName())
                .allMatch("HealthCheckRequest"::equals);
    }

    @Test
    void grpcFailuresSurfaceAsStorageExceptions() {
        var index = QdrantVectorIndex.connect(client, COLLECTION, DIMENSION);
        server.close();

        assertThatThrownBy(() -> index.count(A, Filter.ALL))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("Qdrant count failed on collection '" + COLLECTION + "'");
    }

    @Test
    void anUnreachableServerFailsStartUpWithAStorageException() {
        server.close();

        assertThatThrownBy(() -> QdrantVectorIndex.connect(client, COLLECTION, DIMENSION))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("collection exists");
    }

    @Test
    void keywordSideIsASparseQueryScoredWithIdfAndFindsCjkText() {
        UUID chinese = UUID.randomUUID();
        try (var index = QdrantVectorIndex.connect(client, COLLECTION, DIMENSION)) {
            index.upsert(A, List.of(
                    entry(A, chinese, "用户偏好使用React和TypeScript开发", T0),
                    entry(A, UUID.randomUUID(), "用户喜欢在周末徒步", T0),
                    entry(A, UUID.randomUUID(), "the user has a cat", T0)));
            server.clearRequests();

            var hits = index.search(A, new IndexQuery(new float[]{0, 0, 0, 1}, "前端开发", Filter.ALL, 3, true));

            assertThat(hits).filteredOn(h -> h.keyword() > 0).extracting(h -> h.id()).containsExactly(chinese);
        }
        Points.QueryPoints sparse = server.requests(Points.QueryPoints.class).stream()
                .filter(q -> q.getUsing().equals(QdrantSchema.SPARSE_VECTOR)).findFirst().orElseThrow();
        assertThat(sparse.getQuery().getNearest().getSparse().getIndicesList())
                .contains(KeywordSparseEncoder.dimension("开发"), KeywordSparseEncoder.dimension("前端"));
        assertThat(sparse.getWithVectors().getInclude().getNamesList()).containsExactly(QdrantSchema.DENSE_VECTOR);
    }

    @Test
    void theSettingsFactoryReportsAnUnreachableServerAsStorageException() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var settings = new QdrantSettings("127.0.0.1", port, "secret-key", false, "c", Duration.ofSeconds(2));
        assertThat(settings.toString()).doesNotContain("secret-key");

        assertThatThrownBy(() -> QdrantVectorIndex.connect(settings, DIMENSION))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("UNAVAILABLE");
    }

    // ---------------------------------------------------------------- helpers

    private static Condition tenantCondition(Tenant tenant) {
        return Condition.newBuilder().setField(Common.FieldCondition.newBuilder().setKey("tenant")
                .setMatch(Common.Match.newBuilder().setKeyword(tenant.key()))).build();
    }

    private <T extends Message> T single(Class<T> type) {
        List<T> found = server.requests(type);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static IndexEntry entry(Tenant tenant, UUID id, String text, Instant created) {
        MemoryRecord r = new MemoryRecord(id, Scope.user("u1").inTenant(tenant), text, null, null, "user", Map.of(), List.of(),
                created, created, null, null, false, MemoryState.ACTIVE, null, List.of(), null);
        return new IndexEntry(r, new float[]{1, 0.5f, 0, 0});
    }
}
