package dev.engram.testing.qdrant;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Collections;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Common;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static io.qdrant.client.ConditionFactory.datetimeRange;
import static io.qdrant.client.ConditionFactory.filter;
import static io.qdrant.client.ConditionFactory.hasId;
import static io.qdrant.client.ConditionFactory.isEmpty;
import static io.qdrant.client.ConditionFactory.isNull;
import static io.qdrant.client.ConditionFactory.match;
import static io.qdrant.client.ConditionFactory.matchExceptKeywords;
import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.ConditionFactory.matchKeywords;
import static io.qdrant.client.ConditionFactory.matchText;
import static io.qdrant.client.ConditionFactory.nested;
import static io.qdrant.client.ConditionFactory.range;
import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.ValueFactory.list;
import static io.qdrant.client.ValueFactory.nullValue;
import static io.qdrant.client.ValueFactory.value;
import static io.qdrant.client.VectorsFactory.vectors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The emulator's Qdrant semantics (in-process transport), driven through the real client (so the server itself can be trusted). */
class QdrantEmulatorTest {

    private QdrantEmulator server;
    private QdrantClient client;

    @BeforeEach
    void setUp() throws Exception {
        server = QdrantEmulator.start();
        client = server.newClient();
        client.createCollectionAsync("c", VectorParams.newBuilder().setSize(2).setDistance(Distance.Cosine).build()).get();
        client.createPayloadIndexAsync("c", "indexed", PayloadSchemaType.Text, null, true, null, null).get();
        client.upsertAsync("c", List.of(
                point(1, new float[]{1, 0}, Map.of("k", value("red"), "n", value(3), "when", value("2025-01-02T00:00:00Z"),
                        "tags", list(List.of(value("a"), value("b"))), "indexed", value("Hello big World"),
                        "raw", value("Hello big World"), "nil", nullValue(),
                        "items", list(List.of(value(Map.of("x", value(1), "y", value("p"))), value(Map.of("x", value(2), "y", value("q"))))))),
                point(2, new float[]{0, 1}, Map.of("k", value("blue"), "n", value(7.5), "when", value("2025-03-01T00:00:00Z"),
                        "tags", list(List.of()), "indexed", value("hello"), "raw", value("hello"),
                        "items", list(List.of(value(Map.of("x", value(1), "y", value("q"))))))),
                point(3, new float[]{1, 1}, Map.of("n", value(true))))).get();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void evaluatesQdrantFilterConditions() throws Exception {
        assertThat(ids(must(matchKeyword("k", "red")))).containsExactly(1L);
        assertThat(ids(must(matchKeywords("k", List.of("red", "blue"))))).containsExactly(1L, 2L);
        assertThat(ids(must(matchExceptKeywords("k", List.of("red"))))).containsExactly(2L);
        assertThat(ids(must(match("n", 3)))).containsExactly(1L);
        assertThat(ids(must(match("n", true)))).containsExactly(3L);
        assertThat(ids(must(range("n", Common.Range.newBuilder().setGt(3).build())))).as("booleans are not numbers").containsExactly(2L);
        assertThat(ids(must(datetimeRange("when", Common.DatetimeRange.newBuilder()
                .setGte(com.google.protobuf.Timestamp.newBuilder().setSeconds(1738368000L)).build())))).containsExactly(2L);
        assertThat(ids(must(matchKeyword("tags", "b")))).containsExactly(1L);
        assertThat(ids(must(isEmpty("tags")))).as("missing and [] are empty").containsExactly(2L, 3L);
        assertThat(ids(must(isEmpty("nil")))).containsExactly(1L, 2L, 3L);
        assertThat(ids(must(isNull("nil")))).as("only an explicit null is null").containsExactly(1L);
        assertThat(ids(must(hasId(List.of(id(2), id(3)))))).containsExactly(2L, 3L);
        assertThat(ids(Common.Filter.newBuilder().addShould(matchKeyword("k", "red")).addShould(match("n", true)).build()))
                .containsExactly(1L, 3L);
        assertThat(ids(Common.Filter.newBuilder().addMustNot(filter(must(matchKeyword("k", "red")))).build()))
                .as("must_not holds where the field is missing").containsExactly(2L, 3L);
    }

    @Test
    void textMatchIsByWordsOnAFullTextIndexAndBySubstringWithout() throws Exception {
        assertThat(ids(must(matchText("indexed", "world HELLO")))).containsExactly(1L);
        assertThat(ids(must(matchText("indexed", "ell")))).isEmpty();
        assertThat(ids(must(matchText("raw", "ello big")))).containsExactly(1L);
        assertThat(ids(must(matchText("raw", "hello")))).as("case-sensitive without index").containsExactly(2L);
    }

    @Test
    void nestedConditionsHoldWithinOneArrayElement() throws Exception {
        Common.Filter sameElement = Common.Filter.newBuilder()
                .addMust(match("x", 1)).addMust(matchKeyword("y", "q")).build();
        assertThat(ids(must(nested("items", sameElement)))).containsExactly(2L);
        assertThat(ids(Common.Filter.newBuilder().addMust(match("items[].x", 1)).addMust(matchKeyword("items[].y", "q")).build()))
                .as("without nested, conditions may hold on different elements").containsExactly(1L, 2L);
    }

    @Test
    void orderByNeedsARangeIndexAndSortsByIt() throws Exception {
        Points.ScrollPoints byN = Points.ScrollPoints.newBuilder().setCollectionName("c").setLimit(10)
                .setOrderBy(Points.OrderBy.newBuilder().setKey("n").setDirection(Points.Direction.Desc)).build();
        assertThatThrownBy(() -> client.scrollAsync(byN).get())
                .isInstanceOf(ExecutionException.class).cause()
                .satisfies(e -> assertThat(((StatusRuntimeException) e).getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT))
                .hasMessageContaining("No range index");

        client.createPayloadIndexAsync("c", "n", PayloadSchemaType.Float, null, true, null, null).get();
        assertThat(client.scrollAsync(byN).get().getResultList()).extracting(p -> p.getId().getNum()).containsExactly(2L, 1L);
    }

    @Test
    void cosineQueriesScoreNormalisedVectorsAndRejectWrongDimensions() throws Exception {
        List<Points.ScoredPoint> hits = client.queryAsync(Points.QueryPoints.newBuilder().setCollectionName("c")
                .setQuery(io.qdrant.client.QueryFactory.nearest(2f, 0f)).setLimit(2).build()).get();
        assertThat(hits).extracting(p -> p.getId().getNum()).containsExactly(1L, 3L);
        assertThat(hits.get(1).getScore()).isCloseTo((float) Math.sqrt(0.5), org.assertj.core.api.Assertions.within(1e-6f));

        assertThatThrownBy(() -> client.queryAsync(Points.QueryPoints.newBuilder().setCollectionName("c")
                .setQuery(io.qdrant.client.QueryFactory.nearest(1f, 0f, 0f)).build()).get())
                .hasMessageContaining("Vector dimension error: expected dim: 2, got 3");
        Collections.CollectionInfo info = client.getCollectionInfoAsync("c").get();
        assertThat(info.getPointsCount()).isEqualTo(3);
        assertThat(info.getPayloadSchemaMap().get("indexed").getDataType()).isEqualTo(PayloadSchemaType.Text);
    }

    private List<Long> ids(Common.Filter f) throws Exception {
        return client.scrollAsync(Points.ScrollPoints.newBuilder().setCollectionName("c").setFilter(f).setLimit(100).build())
                .get().getResultList().stream().map(p -> p.getId().getNum()).toList();
    }

    private static Common.Filter must(Condition c) {
        return Common.Filter.newBuilder().addMust(c).build();
    }

    private static Points.PointStruct point(long id, float[] vector, Map<String, Value> payload) {
        return Points.PointStruct.newBuilder().setId(id(id)).setVectors(vectors(vector)).putAllPayload(payload).build();
    }
}
